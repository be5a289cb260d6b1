// Searches data/search.json in the browser. Every word of the query must occur in an entry;
// Chinese is split into words with Intl.Segmenter (where there is one), so 嵌套虚拟化 finds 嵌套 … 虚拟化.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var root = form.getAttribute("data-root");
  var contentLanguage = form.getAttribute("data-content-language");
  var kinds = [["series", "Series"], ["people", "People"], ["weeks", "Weeks"]];
  var limit = 50;
  var han = /[\u3400-\u9fff\uf900-\ufaff]/;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  var index = null;

  function fold(text) { return text.normalize("NFKC").toLowerCase(); }

  function words(query) {
    var out = [];
    fold(query).split(/\s+/).forEach(function (token) {
      if (!token) return;
      if (segmenter && han.test(token)) {
        Array.from(segmenter.segment(token)).forEach(function (part) { if (part.isWordLike) out.push(part.segment); });
      } else {
        out.push(token);
      }
    });
    return out;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function search() {
    var query = input.value.trim();
    var terms = words(query);
    results.textContent = "";
    try { history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : "?"); } catch (e) { /* file: URLs */ }
    if (!index) return;
    if (!terms.length) { status.textContent = "Type a title, a name, an address or a week."; return; }
    var total = 0;
    kinds.forEach(function (kind) {
      var hits = [];
      index[kind[0]].forEach(function (entry, position) {
        if (terms.every(function (term) { return entry.haystack.indexOf(term) >= 0; })) {
          var score = terms.filter(function (term) { return entry.folded.indexOf(term) >= 0; }).length;
          hits.push([score, position, entry]);
        }
      });
      if (!hits.length) return;
      total += hits.length;
      hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      var section = element("section", "search-kind");
      var heading = element("h2", "", kind[1] + " ");
      heading.appendChild(element("span", "muted", "(" + hits.length + ")"));
      section.appendChild(heading);
      var list = element("ol", "search-results");
      hits.slice(0, limit).forEach(function (hit) {
        var entry = hit[2];
        var item = element("li");
        var link = element("a", "", entry.title);
        link.href = root + entry.url;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", "muted", entry.detail));
        if (kind[0] === "series" && entry.text) {
          var text = element("p", "search-text", entry.text);
          text.lang = contentLanguage;
          item.appendChild(text);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      if (hits.length > limit) section.appendChild(element("p", "muted", "… and " + (hits.length - limit) + " more: add a word to narrow the search."));
      results.appendChild(section);
    });
    status.textContent = total ? total + (total === 1 ? " result" : " results") + " for “" + query + "”." : "Nothing found for “" + query + "”.";
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
  input.value = new URLSearchParams(location.search).get("q") || "";
  status.textContent = "Loading the index…";
  fetch(form.getAttribute("data-index"))
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (data) {
      kinds.forEach(function (kind) {
        data[kind[0]].forEach(function (entry) {
          entry.folded = fold(entry.title);
          entry.haystack = fold(entry.title + " " + entry.detail + " " + entry.text);
        });
      });
      index = data;
      status.textContent = "";
      search();
    })
    .catch(function () {
      status.textContent = "The search index could not be loaded. Search needs the site served over http(s): opened from disk, browsers refuse to read it.";
    });
})();
