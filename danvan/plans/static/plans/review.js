// Review screen: clicking an extracted task (or target) highlights its span in the source text.
(function () {
  "use strict";
  function init() {
    var source = document.getElementById("plan-source");
    if (!source) { return; }
    var text = source.textContent;
    function show(start, end) {
      source.textContent = "";
      var mark = document.createElement("mark");
      mark.id = "plan-highlight";
      mark.textContent = text.slice(start, end);
      source.appendChild(document.createTextNode(text.slice(0, start)));
      source.appendChild(mark);
      source.appendChild(document.createTextNode(text.slice(end)));
      var top = mark.offsetTop - source.offsetTop - 40;
      source.scrollTop = top > 0 ? top : 0;
      mark.scrollIntoView({block: "nearest"});
    }
    document.querySelectorAll(".span-link").forEach(function (item) {
      function activate(event) {
        if (event.target.closest("a, button")) { return; }
        var start = parseInt(item.dataset.start, 10), end = parseInt(item.dataset.end, 10);
        if (isNaN(start) || isNaN(end)) { return; }
        document.querySelectorAll(".span-link.is-active").forEach(function (el) { el.classList.remove("is-active"); });
        item.classList.add("is-active");
        show(start, end);
      }
      item.addEventListener("click", activate);
      item.addEventListener("keydown", function (event) { if (event.key === "Enter") { activate(event); } });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
