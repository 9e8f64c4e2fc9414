/* The gentle timer of a team meeting (templates/teams/meeting_show.html): a calm countdown per
   question that can be started, paused, moved on or ignored. At zero it says so quietly: no
   sound, no red, nothing that blinks. It can also show one question at a time. The words come
   from the page; without this script the page shows all three questions and no timer. */
(function () {
  "use strict";

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function setUp(box) {
    var questions = Array.prototype.slice.call(document.querySelectorAll(".meeting-question"));
    var list = document.querySelector(".meeting-questions");
    if (!questions.length || !list) {
      return;
    }
    var words = box.dataset;
    var full = (parseInt(words.minutes, 10) || 0) * 60;
    var left = full;
    var current = 0;
    var ticking = null;
    var time = box.querySelector("[data-timer-time]");
    var done = box.querySelector("[data-timer-done]");
    var label = box.querySelector("[data-timer-question]");
    var toggle = box.querySelector("[data-timer-toggle]");
    var next = box.querySelector("[data-timer-next]");
    var view = box.querySelector("[data-timer-view]");

    function show() {
      time.textContent = format(left);
      label.textContent = words.labelQuestion.replace("{n}", String(current + 1));
      toggle.textContent = ticking ? words.labelPause
        : (left < full ? words.labelResume : words.labelStart);
      next.textContent = words.labelNext;
      next.hidden = current >= questions.length - 1;
      view.textContent = list.classList.contains("one-at-a-time") ? words.labelAll
        : words.labelOne;
      questions.forEach(function (question, index) {
        question.classList.toggle("is-current", index === current);
      });
    }

    function stop() {
      if (ticking) {
        clearInterval(ticking);
        ticking = null;
      }
    }

    function tick() {
      left = Math.max(0, left - 1);
      if (left === 0) {
        stop();
        done.textContent = words.labelDone;
      }
      show();
    }

    toggle.addEventListener("click", function () {
      if (ticking) {
        stop();
      } else if (left > 0) {
        ticking = setInterval(tick, 1000);
      }
      show();
    });
    next.addEventListener("click", function () {
      stop();
      current = Math.min(current + 1, questions.length - 1);
      left = full;
      done.textContent = "";
      show();
      var field = questions[current].querySelector("textarea");
      if (field && list.classList.contains("one-at-a-time")) {
        field.focus();
      }
    });
    view.addEventListener("click", function () {
      list.classList.toggle("one-at-a-time");
      show();
    });
    if (!full) {  // no timer chosen: only the questions, one at a time or all three
      time.hidden = true;
      toggle.hidden = true;
    }
    box.hidden = false;
    show();
  }

  document.querySelectorAll("[data-meeting-timer]").forEach(setUp);
})();
