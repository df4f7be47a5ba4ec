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

  // The search box's list of court names and initiatives (a <datalist> the page already
  // carries) is refined from /api/suggest as the reader types.
  var suggestTimer = null;
  var suggestRequest = null;
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-suggest-url][list]")) return;
    var list = document.getElementById(box.getAttribute("list"));
    if (!list || !window.fetch) return;
    window.clearTimeout(suggestTimer);
    suggestTimer = window.setTimeout(function () {
      var typed = box.value.trim();
      if (!typed || typed.length > 50) return;
      if (suggestRequest && suggestRequest.abort) suggestRequest.abort();
      suggestRequest = window.AbortController ? new AbortController() : null;
      var url = box.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(typed);
      fetch(url, suggestRequest ? { signal: suggestRequest.signal } : {})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || box.value.trim() !== typed) return;
          var options = document.createDocumentFragment();
          data.suggestions.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.value;
            option.label = item.label;
            options.appendChild(option);
          });
          list.replaceChildren(options);
        })
        .catch(function () {});
    }, 150);
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
