"""Which posts say much the same thing: groups suggested to the facilitator as themes.

Offline and deterministic, with no model to download: each post is weighed by TF-IDF over its
words (Thai cut by newmm, stop words dropped: facilitation/core/words.py) and over character
n-grams of those words, so "ผู้สูงอายุ" and "ผู้สูงวัย", or a word cut differently in two posts,
still meet. Posts are compared by cosine similarity and joined by average-linkage clustering
under a distance threshold: a group is kept together by what its posts share on average, not
by a chain of pairs. The same posts give the same groups, in the same order, every time.
"""

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

# Tuned on the sample forum's posts and the tests' examples: posts sharing one meaning-bearing
# word of a short text meet above it, posts sharing only a common word ("ผู้สูงอายุ") stay apart.
MIN_SIMILARITY = 0.3
WORD_WEIGHT = 0.6  # the rest is the character n-grams'
CHAR_NGRAMS = (2, 4)
NAME_WORDS = 3


@dataclass(frozen=True)
class PostWords:
    """A post as the clustering sees it: its id and its words (lower-cased, stop words dropped)."""

    id: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    """Posts that read alike, the words they share most (a name to start from) and a key for the set."""

    post_ids: tuple[int, ...]
    name: str
    key: str


def posts_key(post_ids: Sequence[int]) -> str:
    """A short fixed key of a set of posts: the same set gives the same key, whatever the order."""
    text = ",".join(str(pid) for pid in sorted(set(post_ids)))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _name(members: Sequence[PostWords], document_frequency: Counter[str]) -> str:
    # The words most of the group used; among equals, the rarer in the room first (it says more),
    # then the word itself, so the name does not depend on the order of anything.
    shared = Counter(word for post in members for word in set(post.words))
    ranked = sorted(shared, key=lambda word: (-shared[word], document_frequency[word], word))
    chosen = [word for word in ranked if shared[word] >= 2][:NAME_WORDS] or ranked[:1]
    return " · ".join(chosen)


def _identity(words: tuple[str, ...]) -> tuple[str, ...]:
    return words


def similarity(posts: Sequence[PostWords]) -> np.ndarray:
    """The cosine similarity of every pair of posts (a square matrix, 1 on the diagonal for posts with words)."""
    word_vectors = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform([p.words for p in posts])
    # Each word is padded by spaces (char_wb), so an n-gram never spans two words.
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, lowercase=True, sublinear_tf=True)
    char_vectors = chars.fit_transform([" ".join(p.words) for p in posts])
    # Rows come L2-normalised, so each product is a cosine; the two are weighed and added.
    words = (word_vectors @ word_vectors.T).toarray()
    grams = (char_vectors @ char_vectors.T).toarray()
    found: np.ndarray = WORD_WEIGHT * words + (1 - WORD_WEIGHT) * grams
    return found


@lru_cache(maxsize=8)
def suggest_groups(posts: tuple[PostWords, ...], min_similarity: float = MIN_SIMILARITY) -> tuple[Suggestion, ...]:
    """Groups of two or more posts that read alike, largest first, then by their first post's id.

    Posts without words (only stop words, emoji, numbers) are left out. Remembered for the
    last few inputs: the console redraws far more often than the room posts.
    """
    usable = sorted((post for post in posts if post.words), key=lambda post: post.id)
    if len(usable) < 2:
        return ()
    try:
        matrix = similarity(usable)
    except ValueError:  # no n-gram at all in any post: nothing to compare
        return ()
    distance = np.clip(1.0 - matrix, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - min_similarity,
    ).fit_predict(distance)
    groups: dict[int, list[PostWords]] = {}
    for post, label in zip(usable, labels, strict=True):
        groups.setdefault(int(label), []).append(post)
    document_frequency = Counter(word for post in usable for word in set(post.words))
    found = [
        Suggestion(
            post_ids=tuple(post.id for post in members),
            name=_name(members, document_frequency),
            key=posts_key([post.id for post in members]),
        )
        for members in groups.values()
        if len(members) >= 2
    ]
    return tuple(sorted(found, key=lambda s: (-len(s.post_ids), s.post_ids[0])))
