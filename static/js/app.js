// Progress Journal page script: small enhancements; every page works without it.
(function () {
  "use strict";

  // On sign-up, pre-select the time zone the device uses (the user can still change it).
  function fillDetectedTimezone() {
    var select = document.querySelector("select[name='timezone'][data-detect]");
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!select || !zone) return;
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (known) select.value = zone;
  }

  document.addEventListener("DOMContentLoaded", fillDetectedTimezone);
})();
