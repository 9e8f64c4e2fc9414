/* The summary builder, lighter with JavaScript (templates/summaries/edit.html). Without it every
 * button posts the form and the server moves or removes the highlight. With it: text boxes grow
 * with their text, "Remove" takes a highlight away at once, the arrows move it up or down, and
 * the rows are numbered again so the form posts them in the order shown. Nothing is stored
 * until the one save button is pressed. Words come from the page (data- attributes). */
(function () {
  "use strict";

  var ROW_NAME = /^item-\d+-/;
  var ROW_ID = /^item-\d+(?=-|$)/;

  // Browsers with field-sizing: content grow the boxes themselves (see app.css).
  var sizesItself = self.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function grow(box) {
    if (sizesItself) return;
    box.style.height = "auto";
    var border = box.offsetHeight - box.clientHeight;
    box.style.height = (box.scrollHeight + border) + "px";
  }

  function growAll(form) {
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), grow);
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") grow(event.target);
    });
  }

  function rename(value, index) {
    return value.replace(ROW_NAME, "item-" + index + "-").replace(ROW_ID, "item-" + index);
  }

  // Give every row the names and numbers of its place, so the server reads them in this order.
  function renumber(form) {
    var rows = form.querySelectorAll(".summary-item");
    var label = form.getAttribute("data-highlight-label");
    Array.prototype.forEach.call(rows, function (row, index) {
      row.id = rename(row.id, index);
      Array.prototype.forEach.call(row.querySelectorAll("[name], [id], [for], [aria-describedby]"),
        function (node) {
          ["name", "id", "for"].forEach(function (attribute) {
            var value = node.getAttribute(attribute);
            if (value) node.setAttribute(attribute, rename(value, index));
          });
          var described = node.getAttribute("aria-describedby");
          if (described) {
            node.setAttribute("aria-describedby", described.split(" ").map(function (id) {
              return rename(id, index);
            }).join(" "));
          }
        });
      Array.prototype.forEach.call(row.querySelectorAll("[data-number]"), function (node) {
        node.textContent = label.replace("{n}", index + 1);
      });
      var up = row.querySelector("button[value$='-up']");
      var down = row.querySelector("button[value$='-down']");
      up.value = index + "-up";
      down.value = index + "-down";
      up.disabled = index === 0;
      down.disabled = index === rows.length - 1;
    });
    form.querySelector("input[name='item_count']").value = rows.length;
  }

  function announce(form, text) {
    var status = form.querySelector("[data-announce]");
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function remove(form, row) {
    var next = row.nextElementSibling || row.previousElementSibling;
    row.parentNode.removeChild(row);
    renumber(form);
    announce(form, form.getAttribute("data-removed"));
    var focus = next ? next.querySelector("textarea") : form.querySelector("#new_item");
    if (focus) focus.focus();
  }

  function move(form, row, direction, button) {
    var list = row.parentNode;
    if (direction === "up" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (direction === "down" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    renumber(form);
    // At the top or bottom the arrow just pressed is disabled: keep the focus in the row.
    var target = button.disabled ? row.querySelector("button:not([disabled])") : button;
    if (target) target.focus();
  }

  function handleTools(form) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button") : null;
      var row = button && button.closest(".summary-item");
      if (!row) return;
      if (button.name === "move") {
        event.preventDefault();
        move(form, row, button.value.split("-")[1], button);
      } else if (/-remove$/.test(button.name)) {
        event.preventDefault();
        remove(form, row);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.summary-builder");
    if (!form) return;
    growAll(form);
    handleTools(form);
  });
})();
