// Report page, progressive enhancement only: copy a citation with one click; on a phone the
// figures table starts folded (a report's table runs to thousands of pixels) unless the
// reader came to one of its figures.
(function () {
  "use strict";

  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }

  var table = document.querySelector("details.metrics-details");
  if (table && PHONE && PHONE.matches && !/^#metric-/.test(window.location.hash)) {
    table.open = false;
  }
  window.addEventListener("hashchange", openTarget);
  if (/^#metric-/.test(window.location.hash)) openTarget();

  Array.prototype.forEach.call(document.querySelectorAll("details.cite"), function (details) {
    var text = details.querySelector(".citation");
    if (!text || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite__copy";
    button.textContent = "复制";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        button.textContent = "已复制";
        window.setTimeout(function () { button.textContent = "复制"; }, 2000);
      }, function () {});
    });
    details.appendChild(button);
  });
})();
