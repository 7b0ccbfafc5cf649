/* The source page: a document's cleaned text with the cited span [start, end) marked.
 * Text goes in through text nodes only, so a document can never inject markup. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var docId = params.get("doc") || "";
  var start = parseInt(params.get("start") || "0", 10) || 0;
  var end = parseInt(params.get("end") || "0", 10) || 0;
  var title = document.getElementById("title");
  var meta = document.getElementById("meta");
  var text = document.getElementById("text");

  fetch("/api/documents/" + encodeURIComponent(docId)).then(function (response) {
    return response.json().then(function (data) {
      if (!response.ok) throw new Error(data.detail || ("HTTP " + response.status));
      return data;
    });
  }).then(function (doc) {
    document.title = doc.title + " · policykb";
    title.textContent = "《" + doc.title + "》";
    meta.textContent = [doc.issuer, doc.date, doc.region].filter(Boolean).join(" · ");
    var body = doc.text;
    start = Math.max(0, Math.min(start, body.length));
    end = Math.max(start, Math.min(end, body.length));
    text.appendChild(document.createTextNode(body.slice(0, start)));
    if (end > start) {
      var mark = document.createElement("mark");
      mark.id = "cited";
      mark.textContent = body.slice(start, end);
      text.appendChild(mark);
      document.getElementById("jump").hidden = false;
    }
    text.appendChild(document.createTextNode(body.slice(end)));
    if (end > start) mark.scrollIntoView({ block: "center" });
  }).catch(function (error) {
    title.textContent = "无法打开原文";
    meta.textContent = String(error && error.message || error);
  });
})();
