/* The weekly review (templates/reviews/edit.html): an entry of the week is tapped into the
   first empty "what improved" field, so nothing has to be typed twice. The buttons and their
   words come from the page; without this script they stay hidden and the form works as is. */
(function () {
  "use strict";

  function improvedFields(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='improved']"));
  }

  // The field that already holds this text, else the first empty one on show, else the next
  // one still hidden (shown now); null when all are full.
  function fieldFor(form, text) {
    var fields = improvedFields(form);
    var found = fields.filter(function (field) { return field.value.trim() === text; })[0]
      || fields.filter(function (field) { return !field.hidden && !field.value.trim(); })[0];
    if (found) {
      return found;
    }
    var waiting = fields.filter(function (field) { return field.hidden; })[0];
    if (waiting) {
      var label = form.querySelector("label[for='" + waiting.id + "']");
      if (label) {
        label.hidden = false;
      }
      waiting.hidden = false;
    }
    return waiting || null;
  }

  function takeIn(form, text) {
    var first = improvedFields(form)[0];
    var limit = first && first.maxLength > 0 ? first.maxLength : text.length;
    text = text.replace(/\s+/g, " ").trim().slice(0, limit).trim();
    var field = fieldFor(form, text);
    if (!field) {
      return;
    }
    if (!field.value.trim()) {
      field.value = text;
    }
    field.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-review]");
    if (!form) {
      return;
    }
    document.querySelectorAll("button[data-take-in]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        takeIn(form, button.getAttribute("data-take-in"));
      });
    });
  });
}());
