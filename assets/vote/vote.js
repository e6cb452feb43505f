// The phone's vote box (pages/vote_box.py): each tap on + or − goes to /votes/{code} over plain
// HTTP (facilitation/web/vote_api.py) and the box redraws the person's dots from the answer, with
// no run of the page at all: a hall spending five dots each would otherwise run 2,500 pages.
//
// A tap says "from the dots this screen shows on that option, one more (or one fewer)". Taps
// go one at a time, each from the dots the last answer gave, so a quick double tap is two dots;
// a tap whose answer was lost is sent again as it was and the server finds it already done;
// a tap from dots another tab has changed since is refused, and the box shows them as they are.

const boxes = new WeakMap();

const ANSWER_MS = 10000;
const RETRY_MS = [1000, 2000, 4000, 8000, 15000];
const MESSAGE_MS = 6000;

class VoteBox {
  constructor(root) {
    this.root = root;
    this.box = root.querySelector(".vote-box");
    this.remaining = root.querySelector(".vote-remaining");
    this.list = root.querySelector(".vote-options");
    this.status = root.querySelector(".vote-status");
    this.data = null;
    this.state = null; // {used, budget, cap, mine: {option: dots}} as the server last said
    this.tally = -1; // the forum's dot counter with that state: page data older than it is not taken
    this.queue = []; // taps not sent yet: {option, change}
    this.sending = null; // the tap on its way, with its payload
    this.closed = false;
    this.timers = {};
    this.list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-change]");
      if (button && !button.disabled) {
        this.tap(Number(button.dataset.option), button.dataset.change);
      }
    });
    this.onOnline = () => this.retryNow();
    window.addEventListener("online", this.onOnline);
  }

  update(data, setTriggerValue) {
    const fresh = this.data === null || data.vote !== this.data.vote;
    this.data = data;
    this.setTriggerValue = setTriggerValue;
    if (fresh) {
      this.queue = [];
      this.tally = -1;
      this.closed = false;
    }
    // The page's own read, when it is not older than the last answer and nothing is on its way.
    if (this.sending === null && this.queue.length === 0 && data.tally >= this.tally) {
      this.state = { used: data.used, budget: data.budget, cap: data.cap, mine: { ...data.mine } };
      this.tally = data.tally;
    }
    this.closed = this.closed || !data.open;
    this.draw();
  }

  dots(option) {
    return this.state.mine[String(option)] || 0;
  }

  draw() {
    const { labels, options } = this.data;
    const { used, budget, cap } = this.state;
    const left = budget - used;
    this.remaining.textContent = labels.remaining.replace("{remaining}", left).replace("{budget}", budget);
    this.remaining.dataset.remaining = String(left);
    this.box.dataset.state = this.sending !== null ? "sending" : "ready";
    this.list.replaceChildren(
      ...options.map((option) => {
        const mine = this.dots(option.id);
        const row = document.createElement("li");
        row.className = "vote-option";
        row.dataset.option = String(option.id);
        row.dataset.dots = String(mine);
        const label = document.createElement("div");
        label.className = "vote-option-label";
        label.textContent = option.label; // what someone wrote: text, never markup
        const controls = document.createElement("div");
        controls.className = "vote-controls";
        const take = this.button(option.id, "take", "−", labels.take, this.closed || mine === 0);
        const count = document.createElement("span");
        count.className = "vote-count";
        count.setAttribute("aria-label", labels.dots.replace("{dots}", mine));
        count.textContent = "●".repeat(mine) + "○".repeat(Math.max(cap - mine, 0));
        const add = this.button(option.id, "add", "+", labels.add, this.closed || mine >= cap || left <= 0);
        controls.append(take, count, add);
        row.append(label, controls);
        return row;
      }),
    );
  }

  button(option, change, text, label, disabled) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `vote-${change}`;
    button.dataset.option = String(option);
    button.dataset.change = change;
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.disabled = disabled;
    return button;
  }

  say(level, message) {
    this.clear("message");
    this.status.textContent = message;
    this.status.className = `vote-status ${level}`;
    this.status.hidden = !message;
    if (message) {
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

  tap(option, change) {
    if (this.closed) {
      return;
    }
    this.queue.push({ option, change });
    this.next();
  }

  next() {
    if (this.sending !== null || this.queue.length === 0) {
      return;
    }
    const { option, change } = this.queue.shift();
    // From the dots the last answer gave: each tap is one step from what the person saw.
    const payload = {
      p: this.data.token,
      lang: this.data.lang,
      vote: this.data.vote,
      option,
      seen: this.dots(option),
      change,
    };
    this.sending = { payload, tries: 0 };
    this.draw();
    this.attempt();
  }

  retryNow() {
    if (this.sending !== null && this.timers.retry) {
      this.clear("retry");
      this.attempt();
    }
  }

  async attempt() {
    const sending = this.sending;
    sending.tries += 1;
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), ANSWER_MS);
    let reply = null;
    let answer = null;
    try {
      reply = await fetch(this.data.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sending.payload),
        signal: abort.signal,
        cache: "no-store",
      });
      answer = await reply.json();
    } catch {
      answer = null;
    } finally {
      clearTimeout(timeout);
    }
    if (reply !== null && reply.status === 404 && answer === null) {
      // Nothing serves the endpoint here: the page draws its own buttons instead.
      this.sending = null;
      this.queue = [];
      this.setTriggerValue("unreachable", true);
      return;
    }
    if (answer === null || reply.status >= 500) {
      // The same tap again, as it was: if the first try was stored, the server finds it done.
      this.say("warning", this.data.labels.offline);
      const pause = RETRY_MS[Math.min(sending.tries - 1, RETRY_MS.length - 1)];
      this.timers.retry = setTimeout(() => {
        delete this.timers.retry;
        this.attempt();
      }, pause);
      return;
    }
    this.sending = null;
    if (answer.mine !== undefined && answer.vote === this.data.vote) {
      this.state = { used: answer.used, budget: answer.budget, cap: answer.cap, mine: answer.mine };
      if (typeof answer.tally === "number") {
        this.tally = Math.max(this.tally, answer.tally);
      }
    }
    if (answer.ok) {
      this.say("", "");
    } else {
      // Refused: the rest of the queued taps were meant from a screen that was not so.
      this.queue = [];
      this.closed = this.closed || answer.closed === true;
      this.say("error", answer.message);
    }
    this.draw();
    this.next();
  }

  close() {
    for (const name of Object.keys(this.timers)) {
      this.clear(name);
    }
    window.removeEventListener("online", this.onOnline);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = boxes.get(parentElement);
  if (!box) {
    box = new VoteBox(parentElement);
    boxes.set(parentElement, box);
  }
  box.update(data, setTriggerValue);
  return () => {
    box.close();
    boxes.delete(parentElement);
  };
}
