// Inlined at the end of every page with a diagram (diagrams.py, script_tag; comment lines are dropped).
// Diagrams wider than their column scroll sideways in their own box (diagrams.py, figure; guide.css), which
// works without JavaScript. Here, for a box that scrolls: start it at the diagram's first node (a tree's root
// is in the middle, not at the left edge), and offer full screen where the browser can. Sizes are read only
// in a ResizeObserver, after the browser has laid the page out: reading them while the script runs would
// force that layout early, inside a long task.
(() => {
  "use strict";
  const scrolls = (scroller) => scroller.scrollWidth > scroller.clientWidth + 1;
  const refreshers = new Map(); // scroller -> what to do when its size is known or changes

  for (const box of document.querySelectorAll(".guide-diagram")) {
    const scroller = box.querySelector(".guide-diagram__scroll");
    let started = false;
    let button = null;
    if (document.fullscreenEnabled) {
      button = Object.assign(document.createElement("button"), { type: "button", className: "guide-diagram__full", hidden: true });
      button.textContent = "Full screen";
      button.addEventListener("click", () => (document.fullscreenElement === box ? document.exitFullscreen() : box.requestFullscreen()));
      box.querySelector(".guide-diagram__hint").append(button);
    }
    const refresh = () => {
      const wide = scrolls(scroller);
      if (wide && !started) {
        scroller.scrollLeft = Number(box.dataset.start) * scroller.scrollWidth - scroller.clientWidth / 2;
        started = true;
      }
      if (button) {
        const full = document.fullscreenElement === box;
        button.textContent = full ? "Exit full screen" : "Full screen";
        // Only while the box scrolls (or is full screen): the hint row, and with it the button, has no room otherwise.
        button.hidden = !full && !wide;
      }
    };
    refreshers.set(scroller, refresh);
  }
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => refreshers.get(entry.target)()));
  refreshers.forEach((_, scroller) => observer.observe(scroller));
  document.addEventListener("fullscreenchange", () => refreshers.forEach((refresh) => refresh()));
})();
