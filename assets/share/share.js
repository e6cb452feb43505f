// The phone's share box (pages/share_box.py): sends a post to /posts/{code} over plain HTTP
// and says "sent" as soon as the server has stored it, with no run of the page at all: a hall
// posting 25 times a second would otherwise rerun 25 phone pages a second. The box lists what
// it sent until the page's own list shows it (at the page's next run: a stage change, a
// language switch, or the person asking to edit one of them).
//
// Nothing typed is lost: the words stay in the box (and in this phone's storage) until the
// server says it stored them; a post that could not reach the server is tried again, and
// the server's double-tap guard (same person, kind and words) keeps a retry from doubling it.

const boxes = new WeakMap();

// How long to wait for an answer before trying again, and the pauses between tries.
const ANSWER_MS = 15000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];
// A message stays up this long (pages/ui.py FLASH_SECONDS says the same of the page's own).
const MESSAGE_MS = 8000;

class ShareBox {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.legend = root.querySelector("legend");
    this.kinds = root.querySelector(".share-kinds");
    this.label = root.querySelector(".share-label");
    this.text = root.querySelector("textarea");
    this.count = root.querySelector(".share-count");
    this.note = root.querySelector(".share-note");
    this.status = root.querySelector(".share-status");
    this.button = root.querySelector("button[type=submit]");
    this.sentBox = root.querySelector(".share-sent");
    this.sentHeading = root.querySelector(".share-sent-heading");
    this.sentList = root.querySelector(".share-sent-list");
    this.sent = []; // posts stored since the page's list was drawn: {id, kind, text}
    this.data = null;
    this.sending = null; // the post on its way: {kind, text}
    this.tries = 0;
    this.timers = {};
    // Every listener goes with the box: a box drawn anew on the same elements must not find
    // this one still answering the form.
    this.listening = new AbortController();
    const signal = { signal: this.listening.signal };
    root.querySelector(".share-sent-open").addEventListener("click", () => {
      // One run of the page, asked for by the person: the posts move into its own list,
      // each with its edit and withdraw buttons.
      this.setTriggerValue("list", this.sent.length);
    }, signal);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    }, signal);
    this.text.addEventListener("input", () => {
      this.saveDraft();
      this.showCount();
    }, signal);
    this.kinds.addEventListener("change", () => this.saveDraft(), signal);
    this.onOnline = () => this.retryNow();
    this.onVisible = () => {
      if (document.visibilityState === "visible") {
        this.retryNow();
      }
    };
    window.addEventListener("online", this.onOnline, signal);
    document.addEventListener("visibilitychange", this.onVisible, signal);
  }

  update(data, setTriggerValue) {
    const first = this.data === null;
    const relabel = first || data.lang !== this.data.lang;
    this.data = data;
    this.setTriggerValue = setTriggerValue;
    if (relabel) {
      this.drawLabels();
    }
    if (first) {
      this.restoreDraft();
    }
    this.note.textContent = data.closed ? data.labels.closed : "";
    this.note.hidden = !data.closed;
    // What the page now lists itself is no longer listed here.
    this.sent = this.sent.filter((post) => !data.listed.includes(post.id));
    this.showSent();
    this.showButton();
    this.showCount();
  }

  drawLabels() {
    const { labels, kinds } = this.data;
    const chosen = this.kind() || kinds[0].value;
    this.legend.textContent = labels.kind;
    this.kinds.replaceChildren(
      ...kinds.map((kind) => {
        const option = document.createElement("label");
        option.className = "share-kind";
        const input = document.createElement("input");
        input.type = "radio";
        input.name = "kind";
        input.value = kind.value;
        input.checked = kind.value === chosen;
        const words = document.createElement("span");
        words.textContent = kind.label;
        option.append(input, words);
        return option;
      }),
    );
    this.label.textContent = labels.text;
    this.root.querySelector(".share-sent-open").textContent = labels.sent_open;
    this.text.placeholder = labels.placeholder;
    // No maxlength: a paste past the limit would be cut without a word. The words stay
    // whole, the counter turns red, and the server refuses them with the limit and length.
  }

  kind() {
    const checked = this.kinds.querySelector("input:checked");
    return checked ? checked.value : null;
  }

  draftKey() {
    return `share-draft:${this.data.code}:${this.data.who}`;
  }

  saveDraft() {
    try {
      if (this.text.value) {
        // `sending`: these words were on their way. A box drawn anew (the page remounted on a
        // new server, a reload) sends them on rather than waiting for another tap.
        const sending = this.sending !== null && this.sending.text === this.text.value;
        localStorage.setItem(this.draftKey(), JSON.stringify({ kind: this.kind(), text: this.text.value, sending }));
      } else {
        localStorage.removeItem(this.draftKey());
      }
    } catch {
      // Private browsing or a full storage: the words still stay in the box.
    }
  }

  restoreDraft() {
    let draft = null;
    try {
      draft = JSON.parse(localStorage.getItem(this.draftKey()) || "null");
    } catch {
      draft = null;
    }
    if (!draft) {
      return;
    }
    if (!this.text.value) {
      this.text.value = draft.text || "";
      const option = this.kinds.querySelector(`input[value="${CSS.escape(draft.kind || "")}"]`);
      if (option) {
        option.checked = true;
      }
    }
    if (draft.sending === true && this.text.value === draft.text && !this.data.closed) {
      // The box that was sending them is gone with its retry timer: this one goes on. It is
      // a retry, so the server's double-tap guard finds the post if the first try stored it.
      this.send({ resumed: true });
    }
  }

  showCount() {
    const length = this.text.value.length;
    this.count.textContent = `${length}/${this.data.limit}`;
    this.count.classList.toggle("over", length > this.data.limit);
  }

  showButton() {
    const { labels } = this.data;
    this.button.disabled = this.data.closed || this.sending !== null;
    this.button.textContent = this.sending !== null ? labels.sending : this.data.closed ? labels.closed_button : labels.submit;
    this.text.readOnly = this.sending !== null;
    this.root.querySelector(".share-box").dataset.state = this.sending !== null ? "sending" : "ready";
  }

  say(level, message, { stay = false } = {}) {
    this.clear("message");
    this.status.textContent = message;
    this.status.className = `share-status ${level}`;
    this.status.hidden = !message;
    if (message && !stay) {
      this.timers.message = setTimeout(() => {
        this.status.hidden = true;
      }, MESSAGE_MS);
    }
  }

  clear(name) {
    if (this.timers[name]) {
      clearTimeout(this.timers[name]);
      delete this.timers[name];
    }
  }

  send({ resumed = false } = {}) {
    if (this.sending !== null || this.data.closed) {
      return;
    }
    const text = this.text.value;
    if (!text.trim()) {
      this.say("error", this.data.labels.empty);
      return;
    }
    this.sending = { kind: this.kind() || this.data.kinds[0].value, text };
    this.tries = resumed ? 1 : 0;
    this.saveDraft();
    this.showButton();
    this.say("info", this.data.labels.sending, { stay: true });
    this.attempt();
  }

  retryNow() {
    if (this.sending !== null && this.timers.retry) {
      this.clear("retry");
      this.attempt();
    }
  }

  async attempt() {
    const { data } = this;
    const body = JSON.stringify({ p: data.token, lang: data.lang, retry: this.tries > 0, ...this.sending });
    this.tries += 1;
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), ANSWER_MS);
    let reply = null;
    let answer = null;
    try {
      reply = await fetch(data.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        signal: abort.signal,
        cache: "no-store",
      });
      answer = await reply.json();
    } catch {
      answer = null; // no connection, no answer in time, or not this app's answer
    } finally {
      clearTimeout(timeout);
    }
    if (reply !== null && reply.status === 404 && answer === null) {
      // Nothing serves the endpoint here (the app run without server.py, or a proxy that
      // does not pass it on): the page draws its own form instead, with these words in it.
      this.sending = null;
      this.saveDraft();
      this.showButton();
      this.setTriggerValue("unreachable", this.text.value);
      return;
    }
    if (answer === null || reply.status >= 500) {
      this.say("warning", this.data.labels.offline, { stay: true });
      const pause = RETRY_MS[Math.min(this.tries - 1, RETRY_MS.length - 1)];
      this.timers.retry = setTimeout(() => {
        delete this.timers.retry;
        this.attempt();
      }, pause);
      return;
    }
    const sent = this.sending;
    this.sending = null;
    if (answer.ok) {
      // Only the words that were sent are cleared; anything typed since stays.
      if (this.text.value === sent.text) {
        this.text.value = "";
      }
      this.saveDraft();
      this.showCount();
      this.showButton();
      this.say(answer.level || "success", answer.message);
      if (!this.data.listed.includes(answer.id) && !this.sent.some((post) => post.id === answer.id)) {
        this.sent.unshift({ id: answer.id, kind: sent.kind, text: sent.text.trim(), status: answer.status });
      }
      this.showSent();
      if (answer.status === "pending" && answer.created) {
        // A post that waits for the facilitator moves into the page's own list at once, with
        // its mark, so the phone follows the facilitator's decision on it.
        this.setTriggerValue("list", this.sent.length);
      }
    } else {
      this.saveDraft(); // refused: the words stay, no longer on their way
      this.showButton();
      this.say("error", answer.message, { stay: answer.closed === true });
    }
  }

  showSent() {
    const { labels, kinds } = this.data;
    this.sentBox.hidden = this.sent.length === 0;
    this.sentHeading.textContent = labels.sent_heading.replace("{count}", String(this.sent.length));
    this.sentList.replaceChildren(
      ...this.sent.map((post) => {
        const card = document.createElement("div");
        card.className = "card";
        const text = document.createElement("div");
        text.className = "card-text";
        text.textContent = post.text; // the person's own words: text, never markup
        const meta = document.createElement("div");
        meta.className = "card-meta";
        const kind = kinds.find((option) => option.value === post.kind);
        meta.textContent = kind ? kind.label : "";
        if (post.status === "pending") {
          meta.textContent += ` · ${labels.waiting}`;
        }
        card.style.borderLeftColor = kind ? kind.colour : "";
        card.append(text, meta);
        return card;
      }),
    );
  }

  close() {
    for (const name of Object.keys(this.timers)) {
      this.clear(name);
    }
    this.listening.abort();
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = boxes.get(parentElement);
  if (!box) {
    box = new ShareBox(parentElement);
    boxes.set(parentElement, box);
  }
  box.update(data, setTriggerValue);
  return () => {
    box.close();
    boxes.delete(parentElement);
  };
}
