/* mkdocs-bookreviews: the shelf's views, text filter, sorting and filters, with the state in
   the URL (?view=covers&find=guin&sort=score&genre=sci-fi&year=2024&min=4&dnf=hide) so a filtered
   shelf can be linked. Each filter's options say how many books they would show under the other
   filters (and the text filter): faceted counts, in the site's number format. The text filter
   is `find=`, not `q=`: Material opens its own search dialog for a `q=` in the URL.
   Without this script the shelf is the whole list, newest read first, and its controls stay
   hidden. It runs again on each visit under Material's instant navigation (which re-runs the
   scripts of the page it loads), on new markup each time. Everything it writes, and how it
   sorts titles (the leading articles it leaves out, the language it collates in), comes in
   the site's language from the data attributes of the status line. What it sorts and filters
   by comes in columns on the books' holder, one entry per book in the page's order (see
   views/shelf.py); a book's score is the class of its score, its title the link's <b>. */
(function () {
  "use strict";

  function start() {
    var shelf = document.querySelector(".bookreviews-shelf");
    var form = shelf && shelf.querySelector(".bookreviews-shelf-controls");
    if (!form || shelf.hasAttribute("data-ready")) return;
    shelf.setAttribute("data-ready", "");
    var holder = shelf.querySelector(".bookreviews-shelf-books");
    var grids = Array.prototype.slice.call(holder.children);
    var perGrid = parseInt(holder.getAttribute("data-per-grid"), 10) || 60;
    var status = shelf.querySelector(".bookreviews-shelf-status");
    var live = status.querySelector("[role=status]");
    var reset = status.querySelector("button");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var filters = selects.filter(function (s) { return s.name !== "sort"; });
    var search = form.elements.find;
    var views = Array.prototype.slice.call(form.querySelectorAll("input[name=view]"));
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
    // Without case or accents: "Čapek" is found by "capek", "LE GUIN" by "le guin".
    function folded(text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }
    function column(name) { return (holder.getAttribute("data-" + name) || "").split(" "); }
    function codes(entry) {
      return entry ? entry.split(",").map(function (code) { return parseInt(code, 36); }) : [];
    }
    var read = column("years"), authors = column("authors"), kinds = column("genres");
    var items = holder.querySelectorAll("li");
    var books = Array.prototype.map.call(items, function (el, i) {
      var link = el.firstChild, title = link.querySelector("b");
      var text = title ? title.textContent.trim().replace(/\u2019/g, "'") : "";
      var score = el.querySelector("b[class^=s]");
      return {
        el: el,
        i: i,
        // "The Dispossessed" sorts under D, as libraries file it ("Der Process" under P...).
        title: leading ? text.replace(leading, "") : text,
        text: folded(link.textContent),
        author: authors[i] ? parseInt(authors[i], 36) : null,
        // The class of a score of 4.25 is s4_25.
        score: score ? parseFloat(score.className.slice(1).replace("_", ".")) : null,
        years: codes(read[i]),
        genres: codes(kinds[i]),
        dnf: !!el.querySelector("small")
      };
    });
    var orders = {
      score: function (a, b) {
        return (b.score === null ? -1 : b.score) - (a.score === null ? -1 : a.score);
      },
      title: function (a, b) { return collator.compare(a.title, b.title); },
      author: function (a, b) {
        return ((a.author === null) - (b.author === null)) || (a.author - b.author);
      }
    };
    var sorted = "", ordered = books;
    function value(name) {
      var control = form.elements[name];
      return control && control.value ? control.value : "";
    }

    // Which of the filters a book passes: the genre's, year's, minimum score's and finished
    // filters by the index of their chosen option (0: all), the text filter by its words.
    function tests(book, chosen) {
      return {
        genre: !chosen.genre || book.genres.indexOf(chosen.genre - 1) >= 0,
        year: !chosen.year || book.years.indexOf(chosen.year - 1) >= 0,
        min: !chosen.min || (book.score !== null && book.score >= chosen.minimum),
        dnf: !chosen.dnf || (chosen.dnf === "only") === book.dnf,
        q: chosen.words.every(function (word) { return book.text.indexOf(word) >= 0; })
      };
    }

    function counts(passed, chosen) {
      // For each filter, the books that pass all the others: how many each option would show.
      var tally = {};
      filters.forEach(function (s) { tally[s.name] = s.options.length ? [] : null; });
      filters.forEach(function (s) {
        for (var k = 0; k < s.options.length; k++) tally[s.name][k] = 0;
      });
      passed.forEach(function (entry) {
        var book = entry.book, pass = entry.pass;
        function others(name) {
          return ["genre", "year", "min", "dnf", "q"].every(function (other) {
            return other === name || pass[other];
          });
        }
        if (tally.genre && others("genre")) {
          tally.genre[0]++;
          book.genres.forEach(function (g) { tally.genre[g + 1]++; });
        }
        if (tally.year && others("year")) {
          tally.year[0]++;
          book.years.forEach(function (y) { tally.year[y + 1]++; });
        }
        if (tally.min && others("min")) {
          tally.min[0]++;
          for (var k = 1; k < tally.min.length; k++) {
            if (book.score !== null && book.score >= chosen.scores[k]) tally.min[k]++;
          }
        }
        if (tally.dnf && others("dnf")) {
          tally.dnf[0]++;
          tally.dnf[book.dnf ? 2 : 1]++;
        }
      });
      filters.forEach(function (s) {
        Array.prototype.forEach.call(s.options, function (option, k) {
          var text = (words.count || "{name} ({count})")
            .replace("{name}", option.getAttribute("data-label"))
            .replace("{count}", numbers.format(tally[s.name][k]));
          if (option.textContent !== text) option.textContent = text;
        });
      });
    }

    function apply() {
      var sort = value("sort"), order = orders[sort];
      if (sort !== sorted) {
        ordered = books.slice().sort(function (a, b) {
          return (order ? order(a, b) : 0) || a.i - b.i;
        });
        sorted = sort;
      }
      var chosen = { words: folded(search ? search.value : "").split(/\s+/).filter(Boolean) };
      filters.forEach(function (s) { chosen[s.name] = s.selectedIndex > 0 ? s.selectedIndex : 0; });
      chosen.dnf = value("dnf");
      var min = form.elements.min;
      if (min) {
        chosen.scores = Array.prototype.map.call(min.options, function (o) {
          return parseFloat(o.value);
        });
        chosen.minimum = chosen.scores[min.selectedIndex];
      }
      var shown = 0, last = grids.length - 1;
      // The shown books fill the grids in order, so rows stay full; the hidden go last.
      var parts = grids.map(function () { return document.createDocumentFragment(); });
      var passed = ordered.map(function (book) {
        var pass = tests(book, chosen);
        var show = pass.genre && pass.year && pass.min && pass.dnf && pass.q;
        if (book.el.hidden === show) book.el.hidden = !show;
        parts[show ? Math.min(Math.floor(shown++ / perGrid), last) : last].appendChild(book.el);
        return { book: book, pass: pass };
      });
      grids.forEach(function (grid, i) { grid.appendChild(parts[i]); });
      counts(passed, chosen);
      var total = books.length, hidden = total - shown;
      live.textContent = say(hidden ? "showing" : "all", total, {
        shown: shown, total: total, hidden: hidden
      });
      reset.hidden = !hidden;
    }

    function show(view) {
      if (view) shelf.setAttribute("data-view", view);
      else shelf.removeAttribute("data-view");
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
      ["view", "find"].concat(selects.map(function (s) { return s.name; })).forEach(function (name) {
        var wanted = name === "find" ? (search ? search.value.trim() : "") : value(name);
        if (wanted) params.set(name, wanted);
        else params.delete(name);
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
    if (search) search.value = params.get("find") || "";
    var view = params.get("view") || "";
    views.forEach(function (radio) { radio.checked = radio.value === view; });
    if (!views.some(function (radio) { return radio.checked; })) {
      view = "";
      if (views.length) views[0].checked = true;
    }
    show(view);
    form.addEventListener("change", function (event) {
      if (event.target.name === "view") show(event.target.value);
      else if (event.target === search) return;  // `input` has applied it
      else apply();
      remember();
    });
    if (search) {
      var pending = 0;
      search.addEventListener("input", function () {
        // One pass a frame while typing, however fast the keys.
        if (!pending) pending = requestAnimationFrame(function () {
          pending = 0;
          apply();
          remember();
        });
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    reset.addEventListener("click", function () {
      filters.forEach(function (s) { s.value = ""; });
      if (search) search.value = "";
      apply();
      remember();
      var first = search || filters[0];
      if (first) first.focus();
    });
    shelf.querySelector(".bookreviews-listing-count").hidden = true;
    form.hidden = false;
    status.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
