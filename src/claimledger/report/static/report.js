// claimledger report and web pages: filter the statements table, and light up
// the whole span of the statement a link points at. No data is turned into code:
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

  Array.prototype.forEach.call(document.querySelectorAll("form.filter[data-table]"), filterTable);
  Array.prototype.forEach.call(document.querySelectorAll("form.filter[data-cards]"), filterCards);
  window.addEventListener("hashchange", focusStatement);
  focusStatement();
})();
