// Small enhancements only: every page works without this file.
"use strict";
(function () {
  // Copy buttons: <button data-copy="element-id">.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      if (!source) return;
      var text = source.value !== undefined ? source.value : source.textContent;
      var done = function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { source.select(); });
      } else if (source.select) {
        source.select();
        document.execCommand("copy");
        done();
      }
    });
  });
  // Time zone fields start as UTC; the browser knows better.
  document.querySelectorAll("input[data-detect-tz]").forEach(function (input) {
    try {
      var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz && input.value === "UTC") input.value = tz;
    } catch (e) { /* keep UTC */ }
  });
  // Live clocks: <time data-deadline="RFC 3339"> counts down to a target.
  var clocks = document.querySelectorAll("[data-deadline]");
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var left = Math.round((Date.parse(el.dataset.deadline) - now) / 1000);
      var abs = Math.abs(left);
      var text = Math.floor(abs / 60) + " min " + String(abs % 60).padStart(2, "0") + " s";
      el.textContent = left >= 0 ? text + " left" : text + " over";
      el.closest(".pill") && el.closest(".pill").classList.toggle("bad", left < 0);
    });
  }
  if (clocks.length) { tick(); setInterval(tick, 1000); }
})();
