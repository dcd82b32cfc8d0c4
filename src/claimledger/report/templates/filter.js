// Filter the statements table as you type: a row stays when its text contains
// every word typed, in any order.
(function () {
  var box = document.getElementById("statement-filter");
  if (!box) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.statements tbody tr"));
  var count = document.getElementById("statement-count");
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = words.length ? shown + " of " + rows.length + " statements" : rows.length + " statements";
  });
})();
