// Portal submission form: without an attachment it is sent URL-encoded, the same fields in a body the
// server reads much faster than a multipart one (most submissions attach nothing); with a file chosen
// it stays multipart. Without this script the form is always multipart and works the same.
(function () {
  "use strict";
  var form = document.getElementById("submit-form");
  if (!form) { return; }
  form.addEventListener("submit", function () {
    var file = form.elements.attachment;
    form.enctype = file && file.files.length ? "multipart/form-data" : "application/x-www-form-urlencoded";
  });
})();
