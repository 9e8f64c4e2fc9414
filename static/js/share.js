// Passing an invitation link on (templates/people/created.html): a Copy button where the page
// may write to the clipboard, a Share button where the device can share. Every word shown comes
// from the page's data- attributes; without this script the link is still there to select.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Browsers without the Clipboard API (or outside a secure context) can still copy a selection.
  function copyBySelection(link) {
    selectText(link);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copyText(url, link) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(url);
    }
    return copyBySelection(link) ? Promise.resolve() : Promise.reject(new Error("no clipboard"));
  }

  function enhance(box) {
    var url = box.getAttribute("data-url");
    var link = box.querySelector(".invite-link");
    var status = box.querySelector(".share-status");
    var copy = box.querySelector("[data-copy]");
    var share = box.querySelector("[data-share]");

    function say(text) {
      // Emptied first, so saying the same words again is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    copy.addEventListener("click", function () {
      copyText(url, link).then(function () {
        say(copy.getAttribute("data-done"));
      }, function () {
        selectText(link);
        say(copy.getAttribute("data-failed"));
      });
    });
    copy.hidden = false;

    if (typeof navigator.share === "function") {
      share.addEventListener("click", function () {
        navigator.share({ title: share.getAttribute("data-title"),
                          text: share.getAttribute("data-text"), url: url })
          .catch(function (error) {
            if (error && error.name === "AbortError") return;  // the person changed their mind
            say(share.getAttribute("data-failed"));
          });
      });
      share.hidden = false;
    }
    box.querySelector(".share-actions").hidden = false;
  }

  document.querySelectorAll("[data-invite-share]").forEach(enhance);
})();
