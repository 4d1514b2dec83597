// Diagrams wider than their column scroll sideways in their own box (scripts/guide/diagrams.py, figure;
// guide.css), which works without JavaScript. Here, for a box that scrolls: start it at the diagram's first
// node (a tree's root is in the middle, not at the left edge), and offer full screen where the browser can.
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll(".guide-diagram")];
  const scrolls = (scroller) => scroller.scrollWidth > scroller.clientWidth + 1;

  for (const box of boxes) {
    const scroller = box.querySelector(".guide-diagram__scroll");
    const hint = box.querySelector(".guide-diagram__hint");
    if (scrolls(scroller)) scroller.scrollLeft = Number(box.dataset.start) * scroller.scrollWidth - scroller.clientWidth / 2;
    if (!document.fullscreenEnabled) continue;
    const button = Object.assign(document.createElement("button"), { type: "button", className: "guide-diagram__full" });
    const label = () => {
      button.textContent = document.fullscreenElement === box ? "Exit full screen" : "Full screen";
      // Only while the box scrolls: the hint, and with it the button, has no room otherwise.
      button.hidden = document.fullscreenElement !== box && !scrolls(scroller);
    };
    button.addEventListener("click", () => (document.fullscreenElement === box ? document.exitFullscreen() : box.requestFullscreen()));
    document.addEventListener("fullscreenchange", label);
    label();
    hint.append(button);
    new ResizeObserver(label).observe(scroller);
  }
})();
