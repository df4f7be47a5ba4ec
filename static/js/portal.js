// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "/" jumps to the search box, as on many search sites (not while typing).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.querySelector(".search-box__input");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // A section permalink also copies its address, and says so.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.permalink");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(function () {
      link.setAttribute("data-copied", "");
      link.title = "链接已复制";
      window.setTimeout(function () {
        link.removeAttribute("data-copied");
        link.title = "本节链接";
      }, 2000);
    }, function () {});
  });
})();
