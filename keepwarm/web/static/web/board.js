// Drag and drop on the board. Every card also has a stage selector and a Move button, which is what keyboard
// users and browsers without JavaScript use; dragging posts the very same form to the same URL.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.Sortable) return;
  var onHold = board.dataset.onHold;
  var dialog = document.getElementById("on-hold-dialog");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

  function post(card, stage, revisit) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
    body.append("stage", stage);
    if (revisit !== undefined) body.append("revisit_on", revisit);
    return fetch(card.dataset.moveUrl, {method: "POST", body: body, headers: {"HX-Request": "true"},
                                        credentials: "same-origin"})
      .then(function (r) { if (!r.ok) throw new Error("move failed"); card.querySelector("select option").value = stage; });
  }

  function askRevisit() {
    // Resolves with the date typed (maybe empty), or null when the user cancels.
    return new Promise(function (resolve) {
      var input = dialog.querySelector("input");
      input.value = "";
      function close(value) { dialog.close(); resolve(value); }
      dialog.querySelector("[data-action=save]").onclick = function () { close(input.value); };
      dialog.querySelector("[data-action=cancel]").onclick = function () { close(null); };
      dialog.oncancel = function () { resolve(null); };
      dialog.showModal();
      input.focus();
    });
  }

  function addToTotal(list, delta) {
    // A column shows only its newest cards, so its heading's total is what tells the user the move counted.
    var total = list.closest(".column").querySelector("[data-total]");
    if (!total) return;
    var n = parseInt(total.dataset.total, 10) + delta;
    total.dataset.total = n;
    total.textContent = "(" + n + ")";
  }

  board.querySelectorAll(".cards").forEach(function (list) {
    Sortable.create(list, {
      group: "board", animation: 120, filter: "select, button, input", preventOnFilter: false,
      onAdd: function (evt) {
        var card = evt.item, stage = evt.to.dataset.stage, from = evt.from, index = evt.oldIndex;
        function undo() { from.insertBefore(card, from.children[index] || null); }
        var done = stage === onHold
          ? askRevisit().then(function (date) { if (date === null) { undo(); return; } return post(card, stage, date); })
          : post(card, stage);
        done = done.then(function (posted) {
          if (card.parentNode === evt.to) { addToTotal(from, -1); addToTotal(evt.to, 1); }
          return posted;
        });
        done.catch(function () { undo(); alert("The move could not be saved; please try again."); });
      }
    });
  });
})();
