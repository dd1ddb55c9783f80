// Registry web console: the only script. Pages work without it; it adds copy buttons and delete confirmations.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    event.preventDefault();
    var text = button.getAttribute("data-copy");
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  });
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (!message) { return; }
    var checked = event.target.querySelectorAll("input[type=checkbox][name=tag]:checked").length;
    if (event.target.hasAttribute("data-needs-selection") && checked === 0) {
      event.preventDefault();
      alert("Select at least one tag first.");
      return;
    }
    if (!confirm(message.replace("{count}", String(checked)))) { event.preventDefault(); }
  });
  // On a phone the menu is one line that scrolls sideways: bring the current page's entry into view.
  var active = document.querySelector("header.top nav a.active");
  if (active && active.parentElement.scrollWidth > active.parentElement.clientWidth) {
    active.parentElement.scrollLeft = active.offsetLeft - active.parentElement.offsetLeft - 16;
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox][data-select-all]")) {
      var form = event.target.form;
      form.querySelectorAll("input[type=checkbox][name=tag]").forEach(function (box) { box.checked = event.target.checked; });
    }
  });
})();
