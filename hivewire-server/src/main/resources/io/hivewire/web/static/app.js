// SPDX-License-Identifier: Apache-2.0 (hivewire; the LICENSE file at the root of the project)
// hivewire dashboard: partial updates without inline script (the CSP forbids it).
// data-poll="url": the element is replaced by the fragment at url every second, while the fragment
//   still carries data-poll. data-fragment="url" on an input: its value is sent (debounced) and the
//   answer replaces the content of the element named by data-target. data-copy="id": copies the text.
(function () {
  "use strict";
  var POLL_MS = 1000;

  function fetchFragment(url) {
    return fetch(url, { headers: { "X-Hivewire-Fragment": "1" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign("/sign-in?next=" + encodeURIComponent(window.location.pathname));
          throw new Error("signed out");
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      });
  }

  function schedulePoll(element) {
    var url = element.getAttribute("data-poll");
    if (!url || element.hivewirePolling) {
      return;
    }
    element.hivewirePolling = true;
    window.setTimeout(function () {
      fetchFragment(url).then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var replacement = holder.firstElementChild;
        if (!replacement) {
          return;
        }
        element.replaceWith(replacement);
        wire(replacement);
      }).catch(function () {
        element.hivewirePolling = false;
        schedulePoll(element);
      });
    }, POLL_MS);
  }

  function wireInput(input) {
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var target = document.getElementById(input.getAttribute("data-target"));
        var base = input.getAttribute("data-fragment");
        var url = base + (base.indexOf("?") < 0 ? "?" : "&") + encodeURIComponent(input.name) + "=" +
          encodeURIComponent(input.value);
        fetchFragment(url).then(function (html) {
          target.innerHTML = html;
          wire(target);
        }).catch(function () { /* the next keystroke tries again */ });
      }, 250);
    });
  }

  function wireCopy(button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector(".copy-status");
      var done = function (text) { if (status) { status.textContent = text; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(
          function () { done("Copied."); },
          function () { done("Copy failed: select the text and copy it."); });
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        done(document.execCommand("copy") ? "Copied." : "Selected: press Ctrl+C to copy.");
      }
    });
  }

  function wire(root) {
    var all = function (selector) {
      var found = Array.prototype.slice.call(root.querySelectorAll(selector));
      if (root.matches && root.matches(selector)) {
        found.unshift(root);
      }
      return found;
    };
    all("[data-poll]").forEach(schedulePoll);
    all("input[data-fragment]").forEach(wireInput);
    all("button[data-copy]").forEach(wireCopy);
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document.body); });
})();
