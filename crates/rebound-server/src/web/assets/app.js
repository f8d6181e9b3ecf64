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
  // A guest's times: on the browser's clock, zone named. The cookie lets
  // the server render the next page in that zone from the start.
  var zoned = document.querySelector("[data-times-in]");
  if (zoned) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && /^[A-Za-z0-9\/_+-]{1,64}$/.test(zone) && zone !== zoned.dataset.timesIn) {
        document.cookie = "rebound_tz=" + zone + "; path=/; max-age=31536000; samesite=lax" +
          (location.protocol === "https:" ? "; secure" : "");
        var format = new Intl.DateTimeFormat("en-GB", {
          weekday: "short", day: "numeric", month: "short", year: "numeric",
          hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone
        });
        zoned.querySelectorAll("time[data-zoned]").forEach(function (el) {
          var p = {};
          format.formatToParts(new Date(el.getAttribute("datetime"))).forEach(function (x) { p[x.type] = x.value; });
          el.textContent = p.weekday + " " + p.day + " " + p.month + " " + p.year + ", " +
            p.hour + ":" + p.minute + " (" + zone + ")";
        });
        zoned.dataset.timesIn = zone;
      }
    } catch (e) { /* keep the server's zone, which is named */ }
  }
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
