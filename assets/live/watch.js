// The live watcher (pages/live.py): listens to the forum's change counters over server-sent
// events and reruns the page only when a counter the page shows moved.
//
// Streamlit calls the default export again on every run of the page, with that run's data,
// on the same parentElement for as long as the element stays mounted: one Watcher per
// element keeps the stream open across reruns, and the cleanup Streamlit calls when the
// element goes away closes it.

const watchers = new WeakMap();

// A trigger whose rerun never came back (the page's websocket was down when it was sent)
// is sent again after this long, then after twice as long each time, up to a minute: a
// server working through a hall's reruns must not be asked again by every phone at once.
const RERUN_WAIT_MS = 8000;
const RERUN_WAIT_MAX_MS = 60000;
// A stream that has failed this long while the page is visible is reported lost: the page
// then draws its slow fallback timer until the stream works again.
const LOST_AFTER_MS = 60000;
// EventSource gives up for good on an HTTP error (a restarting server's 502, say): try again.
const RECONNECT_MS = [1000, 3000, 10000, 30000];
// A change that reruns every phone in a hall makes the server run every phone's page: each
// phone waits a random part of this much per phone the server has listening (up to the max)
// before asking, so the server works through them in turn instead of all at once. The new
// stage is said at once (the banner); only the redraw waits.
const SPREAD_MS_PER_SCREEN = 20;
const SPREAD_MAX_MS = 10000;

class Watcher {
  constructor(root) {
    this.root = root;
    this.mark = root.querySelector(".live-watch");
    this.banner = root.querySelector(".live-stage");
    this.role = null;
    this.stage = null;
    this.stageNote = null;
    this.spread = false;
    this.source = null;
    this.url = null;
    this.run = null;
    this.seen = {};
    this.topics = {};
    this.latest = null;
    this.server = null;
    this.restarted = false;
    this.lastFired = {};
    this.waiting = false;
    this.unanswered = 0;
    this.connected = false;
    this.needHello = false;
    this.failures = 0;
    this.failingSince = null;
    this.timers = {};
    this.onVisibility = () => {
      if (document.visibilityState === "visible") {
        this.connect(); // a phone whose screen slept: a fresh stream, a fresh comparison
      } else {
        this.close(); // nothing to draw while nobody sees the page
      }
    };
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  update(data, setTriggerValue) {
    this.setTriggerValue = setTriggerValue;
    this.topics = data.topics;
    this.needHello = data.hello;
    this.role = data.role;
    this.stage = data.stage;
    this.stageNote = data.stage_note;
    if (data.run !== this.run) {
      // A new run of the page: what it drew is the new baseline.
      this.run = data.run;
      this.seen = data.seen;
      this.restarted = false;
      this.waiting = false;
      this.spread = false;
      this.unanswered = 0;
      this.clear("rerun");
      this.clear("spread");
    }
    // The topics it draws go with the request: the server sends only the events that move one.
    const topics = Object.keys(data.topics).sort().join(",");
    const url = `live/${encodeURIComponent(data.code)}/events?role=${encodeURIComponent(data.role)}&topics=${topics}`;
    if (url !== this.url) {
      this.url = url;
      this.connect();
    }
    this.show();
    this.check();
  }

  connect() {
    this.close();
    if (document.visibilityState === "hidden") {
      return;
    }
    const source = new EventSource(this.url);
    this.source = source;
    source.onmessage = (event) => {
      this.connected = true;
      this.failures = 0;
      this.failingSince = null;
      this.clear("lost");
      this.latest = JSON.parse(event.data);
      this.show();
      this.check();
    };
    source.addEventListener("server", (event) => {
      // A stream served by another process than before: the server restarted, and this
      // page's session with it. Streamlit reconnects without a run when the page keeps no
      // timer, so its buttons would have no callbacks until something asks for one.
      const server = JSON.parse(event.data);
      this.restarted ||= this.server !== null && server !== this.server;
      this.server = server;
    });
    source.onerror = () => {
      this.connected = false;
      this.show();
      this.failingSince ??= Date.now();
      if (!this.needHello && !this.timers.lost) {
        this.later("lost", LOST_AFTER_MS, () => {
          if (this.failingSince !== null && document.visibilityState === "visible") {
            this.fire("lost", this.run);
          }
        });
      }
      if (source.readyState === EventSource.CLOSED) {
        const delay = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)];
        this.failures += 1;
        this.later("reconnect", delay, () => this.connect());
      }
    };
  }

  close() {
    this.clear("reconnect");
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    this.connected = false;
    this.show();
  }

  check() {
    if (!this.latest || this.waiting) {
      return;
    }
    const now = Date.now();
    const moved = [];
    let due = false;
    let wait = Infinity;
    for (const [topic, gapSeconds] of Object.entries(this.topics)) {
      if (this.latest[topic] === undefined || this.latest[topic] === this.seen[topic]) {
        continue;
      }
      moved.push(topic);
      const ready = (this.lastFired[topic] ?? -Infinity) + gapSeconds * 1000;
      if (ready <= now) {
        due = true;
      } else {
        wait = Math.min(wait, ready - now);
      }
    }
    this.clear("throttle");
    if ((this.restarted || due) && !this.spread && this.role === "phone") {
      // Wait this phone's turn; nothing else is asked meanwhile.
      const screens = Number(this.latest.screens) || 1;
      const delay = Math.random() * Math.min(screens * SPREAD_MS_PER_SCREEN, SPREAD_MAX_MS);
      this.waiting = true;
      this.later("spread", delay, () => {
        this.waiting = false;
        this.spread = true;
        this.check();
      });
      return;
    }
    this.spread = false;
    if (this.restarted) {
      this.fire("changed", "restart");
    } else if (due) {
      // One rerun redraws every topic that moved: each of them starts its gap again.
      for (const topic of moved) {
        this.lastFired[topic] = now;
      }
      this.fire("changed", moved.join(","));
    } else if (moved.length) {
      this.later("throttle", wait, () => this.check());
    } else if (this.connected && this.needHello) {
      this.fire("hello", this.run);
    }
  }

  fire(name, value) {
    // Nothing more until the rerun this asks for hands over its new baseline.
    this.waiting = true;
    const wait = Math.min(RERUN_WAIT_MS * 2 ** this.unanswered, RERUN_WAIT_MAX_MS);
    this.later("rerun", wait, () => {
      this.unanswered += 1;
      this.waiting = false;
      this.check();
    });
    this.setTriggerValue(name, value);
  }

  show() {
    // For the browser tests: which run the page is at, and whether the stream is open.
    if (this.mark) {
      this.mark.dataset.run = String(this.run);
      this.mark.dataset.stream = this.connected ? "open" : "closed";
      // "heard": the page has run since it learnt the stream works, so no rerun is owed.
      this.mark.dataset.hello = this.needHello ? "owed" : "heard";
    }
    // The facilitator moved the forum on and this page has not redrawn yet: say so now.
    const now = this.latest ? this.latest.current_stage : undefined;
    const moved = Boolean(this.stageNote && this.stage && now && now !== this.stage);
    if (this.banner) {
      if (moved) {
        const label = this.stageNote.labels[now] || now;
        this.banner.textContent = this.stageNote.text.replace("{stage}", label);
      }
      this.banner.hidden = !moved;
    }
  }

  later(name, delay, action) {
    this.clear(name);
    this.timers[name] = setTimeout(() => {
      delete this.timers[name];
      action();
    }, delay);
  }

  clear(name) {
    clearTimeout(this.timers[name]);
    delete this.timers[name];
  }

  stop() {
    document.removeEventListener("visibilitychange", this.onVisibility);
    for (const name of Object.keys(this.timers)) {
      this.clear(name);
    }
    this.close();
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let watcher = watchers.get(parentElement);
  if (!watcher) {
    watcher = new Watcher(parentElement);
    watchers.set(parentElement, watcher);
  }
  watcher.update(data, setTriggerValue);
  return () => {
    watcher.stop();
    watchers.delete(parentElement);
  };
}
