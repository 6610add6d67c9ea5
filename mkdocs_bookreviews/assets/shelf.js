/* mkdocs-bookreviews: the shelf's sorting and filtering, with the state in the URL
   (?sort=score&genre=sci-fi&year=2024&min=4&dnf=hide) so a filtered shelf can be linked.
   Without this script the shelf is the whole list, newest read first, and its controls stay
   hidden. It runs again on each visit under Material's instant navigation (which re-runs the
   scripts of the page it loads), on new markup each time. Everything it writes, and how it
   sorts titles (the leading articles it leaves out, the language it collates in), comes in
   the site's language from the data attributes of the status line. */
(function () {
  "use strict";

  function start() {
    var shelf = document.querySelector(".bookreviews-shelf");
    var form = shelf && shelf.querySelector(".bookreviews-shelf-controls");
    if (!form || shelf.hasAttribute("data-ready")) return;
    shelf.setAttribute("data-ready", "");
    var holder = shelf.querySelector(".bookreviews-shelf-books");
    var grids = Array.prototype.slice.call(holder.querySelectorAll(".bookreviews-cards"));
    var perGrid = parseInt(holder.getAttribute("data-per-grid"), 10) || 60;
    var status = shelf.querySelector(".bookreviews-shelf-status");
    var live = status.querySelector("[role=status]");
    var reset = status.querySelector("button");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var filters = selects.filter(function (s) { return s.name !== "sort"; });
    var words = status.dataset;
    var lang = words.lang || document.documentElement.lang || undefined;
    var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
    // Latin digits, as the page's numbers are written.
    var numbers = new Intl.NumberFormat(lang ? lang + "-u-nu-latn" : undefined);
    var plurals = new Intl.PluralRules(lang);
    function escaped(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
    function alternatives(list) {
      return (list || "").split(" ").filter(Boolean).map(escaped).join("|");
    }
    var articles = alternatives(words.articles), prefixes = alternatives(words.prefixes);
    var leading = articles || prefixes
      ? new RegExp("^(?:" + [articles ? "(?:" + articles + ")\\s+" : "",
          prefixes ? "(?:" + prefixes + ")" : ""].filter(Boolean).join("|") + ")(?=\\S)", "i")
      : null;
    var cards = holder.querySelectorAll(".bookreviews-shelf-book");
    var books = Array.prototype.map.call(cards, function (el, i) {
      var d = el.dataset, title = el.querySelector(".bookreviews-card-title");
      var text = title ? title.textContent.trim().replace(/\u2019/g, "'") : "";
      return {
        el: el,
        i: i,
        // "The Dispossessed" sorts under D, as libraries file it ("Der Process" under P...).
        title: leading ? text.replace(leading, "") : text,
        author: d.author || "",
        score: d.score ? parseFloat(d.score) : null,
        years: (d.years || "").split(" "),
        genres: (d.genres || "").split(" "),
        dnf: "dnf" in d
      };
    });
    var orders = {
      score: function (a, b) {
        return (b.score === null ? -1 : b.score) - (a.score === null ? -1 : a.score);
      },
      title: function (a, b) { return collator.compare(a.title, b.title); },
      author: function (a, b) {
        return (!a.author - !b.author) || collator.compare(a.author, b.author);
      }
    };
    var sorted = "", ordered = books;

    function value(name) {
      var select = form.elements[name];
      return select ? select.value : "";
    }

    function shows(book, genre, year, min, dnf) {
      return (!genre || book.genres.indexOf(genre) >= 0) &&
        (!year || book.years.indexOf(year) >= 0) &&
        (!min || (book.score !== null && book.score >= parseFloat(min))) &&
        (!dnf || (dnf === "only") === book.dnf);
    }

    function apply() {
      var sort = value("sort"), order = orders[sort];
      if (sort !== sorted) {
        ordered = books.slice().sort(function (a, b) {
          return (order ? order(a, b) : 0) || a.i - b.i;
        });
        sorted = sort;
      }
      var genre = value("genre"), year = value("year"), min = value("min"), dnf = value("dnf");
      var shown = 0, last = grids.length - 1;
      // The shown cards fill the grids in order, so rows stay full; the hidden go last.
      var parts = grids.map(function () { return document.createDocumentFragment(); });
      ordered.forEach(function (book) {
        var show = shows(book, genre, year, min, dnf);
        book.el.hidden = !show;
        parts[show ? Math.min(Math.floor(shown++ / perGrid), last) : last].appendChild(book.el);
      });
      grids.forEach(function (grid, i) { grid.appendChild(parts[i]); });
      var total = books.length, hidden = total - shown;
      live.textContent = say(hidden ? "showing" : "all", total, {
        shown: shown, total: total, hidden: hidden
      });
      reset.hidden = !hidden;
    }

    // A message in the plural form the language has for `count` (data-showing-few is
    // dataset.showingFew), its numbers filled in.
    function say(message, count, values) {
      var form = function (category) {
        return words[message + category.charAt(0).toUpperCase() + category.slice(1)];
      };
      var text = form(plurals.select(count)) || form("other") ||
        (values.hidden ? "{shown} / {total}" : "{total}");
      return text.replace(/\{(shown|total|hidden)\}/g, function (_, name) {
        return numbers.format(values[name]);
      });
    }

    function remember() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        if (s.value) params.set(s.name, s.value);
        else params.delete(s.name);
      });
      var query = params.toString();
      history.replaceState(history.state, "",
        location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      s.value = known ? wanted : "";
    });
    form.addEventListener("change", function () { apply(); remember(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    reset.addEventListener("click", function () {
      filters.forEach(function (s) { s.value = ""; });
      apply();
      remember();
      if (filters.length) filters[0].focus();
    });
    shelf.querySelector(".bookreviews-listing-count").hidden = true;
    form.hidden = false;
    status.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
