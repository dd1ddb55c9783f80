// Registry web console: the only script. Pages work without it; it adds copy buttons, delete confirmations and
// the progress shown while a long form (a retention dry run or run) is being answered.
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
  // Runs after the confirmation above (listeners fire in order): a confirmed or unconfirmed long form shows, until its
  // answer replaces the page, the time it has taken against how long the last one of its kind took.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute("data-progress")) { return; }
    var what = form.getAttribute("data-progress");
    var expected = parseFloat(form.getAttribute("data-expected-seconds") || "");
    var panel = document.createElement("div");
    panel.className = "panel progress-panel";
    panel.setAttribute("role", "status");
    panel.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.max = 1;
    var text = document.createElement("p");
    panel.appendChild(text);
    panel.appendChild(bar);
    var toolbar = form.closest(".toolbar") || form;
    toolbar.parentNode.insertBefore(panel, toolbar.nextSibling);
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    var started = Date.now();
    var update = function () {
      var seconds = (Date.now() - started) / 1000;
      var shown = Math.floor(seconds) + " s";
      if (expected > 0) {
        bar.value = Math.min(seconds / expected, 0.97);
        text.textContent = what + " in progress: " + shown + " of about " + Math.round(expected) + " s (the last one took that long); the result replaces this page.";
      } else {
        bar.removeAttribute("value");
        text.textContent = what + " in progress: " + shown + "; the result replaces this page.";
      }
    };
    update();
    setInterval(update, 250);
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
