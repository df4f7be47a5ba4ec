// The courts directory's filter box lists matching courts as the reader types (the form
// works without this: it submits ?q= and the page lists the same courts).
(function () {
  "use strict";
  var box = document.querySelector("input[data-filter-url]");
  var results = document.getElementById("court-matches");
  if (!box || !results || !window.fetch) return;
  var timer = null;
  var request = null;

  function render(typed, courts) {
    var heading = document.createElement("h2");
    heading.id = "court-matches-title";
    heading.textContent = "名称含“" + typed + "”的法院 ";
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = courts.length + " 家";
    heading.appendChild(count);
    var list = document.createElement("ul");
    list.className = "court-grid";
    courts.slice(0, 200).forEach(function (court) {
      var item = document.createElement("li");
      if (court.reports) item.className = "has-reports";
      var link = document.createElement("a");
      link.href = court.url;
      link.textContent = court.name;
      var n = document.createElement("span");
      n.className = "count";
      n.textContent = court.reports + " 篇";
      item.append(link, " ", n);
      list.appendChild(item);
    });
    var parts = [heading];
    if (courts.length) parts.push(list);
    else {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = "没有名称含“" + typed + "”的法院。";
      parts.push(none);
    }
    results.replaceChildren.apply(results, parts);
    results.hidden = false;
  }

  box.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var typed = box.value.trim();
      if (!typed) { results.hidden = true; return; }
      if (request && request.abort) request.abort();
      request = window.AbortController ? new AbortController() : null;
      fetch(box.getAttribute("data-filter-url") + "?q=" + encodeURIComponent(typed),
            request ? { signal: request.signal } : {})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (courts) { if (courts && box.value.trim() === typed) render(typed, courts); })
        .catch(function () {});
    }, 150);
  });
})();
