// The stage timer's countdown (pages/timer_view.py). The server says when the timer ends
// and what its clock read when the page ran; the browser ticks on its own, so a running
// timer costs the server nothing until someone presses a timer button again.

const TICK_MS = 250;
const clocks = new WeakMap();

function format(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}

class Clock {
  constructor(root) {
    this.box = root.querySelector(".countdown");
    this.time = root.querySelector(".countdown-time");
    this.note = root.querySelector(".countdown-note");
    this.timer = null;
  }

  update(data) {
    this.data = data;
    // The phone's clock may be minutes off the server's: count from the server's.
    this.offset = data.server_now_ms - Date.now();
    this.box.className = `countdown ${data.size}`;
    this.box.dataset.status = data.status;
    this.stopTicking();
    if (data.status === "running") {
      this.timer = setInterval(() => this.show(), TICK_MS);
    }
    this.show();
  }

  show() {
    const data = this.data;
    let left = data.remaining_s;
    if (data.status === "running") {
      left = (data.ends_at_ms - (Date.now() + this.offset)) / 1000;
    }
    const up = data.status === "running" && left <= 0;
    this.time.textContent = format(left);
    this.note.textContent = up ? data.labels.up : data.status === "paused" ? data.labels.paused : "";
    this.note.hidden = !this.note.textContent;
    this.box.classList.toggle("up", up);
    this.box.dataset.up = up ? "yes" : "no";
    this.box.hidden = false;
    if (up) {
      this.stopTicking(); // nothing moves after zero until the facilitator acts
    }
  }

  stopTicking() {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

export default function (component) {
  const { data, parentElement } = component;
  let clock = clocks.get(parentElement);
  if (!clock) {
    clock = new Clock(parentElement);
    clocks.set(parentElement, clock);
  }
  clock.update(data);
  return () => {
    clock.stopTicking();
    clocks.delete(parentElement);
  };
}
