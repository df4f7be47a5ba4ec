// The editors' tool pages in the admin. A file, not inline script: the
// Content-Security-Policy allows scripts from the site's own files only.
(function () {
  "use strict";

  // Upload preview: clicking an extracted row scrolls the source to where it was found.
  document.querySelectorAll(".extracted tr.jump").forEach(function (row) {
    row.addEventListener("click", function () {
      var target = document.getElementById(row.dataset.target);
      if (!target) return;
      var box = document.getElementById("source-text");
      box.scrollTop = target.offsetTop - box.offsetTop - box.clientHeight / 3;
      target.classList.add("flash");
      setTimeout(function () { target.classList.remove("flash"); }, 1500);
    });
  });

  // Review queue: one box selects every row.
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function (e) {
      document.querySelectorAll(".select-row").forEach(function (box) { box.checked = e.target.checked; });
    });
  }
})();
