// claimledger report and web pages: filter the statements table, light up the
// whole span of the statement a link points at, keep anchor jumps clear of the
// sticky header, and cue wide tables that scroll. No data is turned into code:
// everything is read through textContent and dataset.
(function () {
  "use strict";

  function filterTable(form) {
    var table = document.getElementById(form.dataset.table);
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector("output");
    function apply() {
      var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var speaker = form.elements.speaker.value;
      var outlet = form.elements.outlet.value;
      var kind = form.elements.kind.value;
      var stance = form.elements.stance.value;
      var shown = 0;
      rows.forEach(function (row) {
        var d = row.dataset;
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          (!speaker || d.speaker === speaker) && (!outlet || d.outlet === outlet) &&
          (!kind || d.kind === kind) && (!stance || d.stance.split(" ").indexOf(stance) !== -1);
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      count.textContent = shown === rows.length ? rows.length + " statements" : shown + " of " + rows.length + " statements";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  // Contradiction cards, best-founded first: hide those below a chosen strength.
  function filterCards(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("details." + form.dataset.cards));
    var count = form.querySelector("output");
    function apply() {
      var floor = parseFloat(form.elements.min.value) || 0;
      var shown = 0;
      cards.forEach(function (card) {
        var strength = parseFloat(card.dataset.strength);
        var keep = floor <= 0 || (!isNaN(strength) && strength >= floor);
        card.hidden = !keep;
        if (keep) { shown += 1; }
      });
      count.textContent = shown === cards.length ? cards.length + " contradictions" : shown + " of " + cards.length + " contradictions";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  function focusStatement() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var marks = document.querySelectorAll("mark[data-st]");
    var first = null;
    Array.prototype.forEach.call(marks, function (mark) {
      var on = id.indexOf("st-") === 0 && mark.dataset.st.split(" ").indexOf(id.slice(3)) !== -1;
      mark.classList.toggle("focus", on);
      if (on && !first) { first = mark; }
    });
    if (first) { first.scrollIntoView({block: "center"}); }
  }

  // The CSS lands anchor jumps this far below the top (scroll-padding-top): the
  // header's height where it sticks, which changes as its nav wraps.
  function measureHeader() {
    var header = document.querySelector("body > header");
    var sticky = header && window.getComputedStyle(header).position === "sticky";
    document.documentElement.style.setProperty("--header-height", (sticky ? header.offsetHeight : 0) + "px");
  }

  // A wide table's box: "overflows" while it is wider than the page, "at-end" once
  // scrolled to its right edge (the CSS shows the cue and the fading edge).
  function watchScroll(box) {
    var frame = box.parentNode;
    function update() {
      var more = box.scrollWidth - box.clientWidth;
      frame.classList.toggle("overflows", more > 1);
      frame.classList.toggle("at-end", more > 1 && box.scrollLeft >= more - 1);
    }
    box.addEventListener("scroll", update, {passive: true});
    window.addEventListener("resize", update);
    if (window.ResizeObserver) { new window.ResizeObserver(update).observe(box.firstElementChild || box); }
    update();
  }

  measureHeader();
  window.addEventListener("resize", measureHeader);
  Array.prototype.forEach.call(document.querySelectorAll(".scroller > .scroll"), watchScroll);
  Array.prototype.forEach.call(document.querySelectorAll("form.filter[data-table]"), filterTable);
  Array.prototype.forEach.call(document.querySelectorAll("form.filter[data-cards]"), filterCards);
  window.addEventListener("hashchange", focusStatement);
  focusStatement();
})();
