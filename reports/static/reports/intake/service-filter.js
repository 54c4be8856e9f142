// Narrow the service select of the report form to the options whose service or operator name contains
// the typed text. Without this script the plain select with its operator groups still works.
(function () {
  "use strict";

  function fold(text) {
    // NFKC folds full-width letters and digits, so "ＬＩＮＥ" matches "line".
    return (text || "").normalize("NFKC").toLowerCase().trim();
  }

  function setUp(box) {
    var select = document.getElementById(box.getAttribute("data-select"));
    var input = box.querySelector("input");
    var status = box.querySelector("[aria-live]");
    if (!select || !input || !status) {
      return;
    }
    var options = Array.prototype.slice.call(select.querySelectorAll("optgroup option"));

    function filter() {
      var query = fold(input.value);
      var count = 0;
      options.forEach(function (option) {
        var group = option.parentNode;
        var haystack = fold((option.getAttribute("data-search") || "") + " " + option.textContent + " " + group.label);
        var match = query === "" || haystack.indexOf(query) !== -1;
        option.hidden = !match;
        option.disabled = !match && !option.selected;
        if (match) {
          count += 1;
        }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      if (query === "") {
        status.textContent = "";
      } else if (count === 0) {
        status.textContent = status.getAttribute("data-none");
      } else {
        status.textContent = status.getAttribute("data-some").replace("%(count)s", String(count));
      }
    }

    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      // Enter in the filter box moves to the list instead of sending the form half filled in.
      if (event.key === "Enter") {
        event.preventDefault();
        select.focus();
      }
    });
    box.hidden = false;
  }

  document.querySelectorAll("[data-service-filter]").forEach(setUp);
})();
