/* policykb chat widget. Embed with one tag:
 *   <script src="https://your-host/widget.js" data-title="政策问答" data-region=""></script>
 * Draws a floating button and a chat panel (in a shadow root, so page styles do not leak in),
 * talks to the API at the script's own origin, and keeps the conversation in localStorage.
 * Every text shown comes from textContent: questions and documents never become markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__policykbWidget) return;
  window.__policykbWidget = true;

  var origin = new URL(script.src, location.href).origin;
  var title = script.getAttribute("data-title") || "政策问答";
  var region = script.getAttribute("data-region") || "";
  var storeKey = "policykb-widget:" + origin;
  var maxMessages = 40;
  var state = load();

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || "null");
      if (saved && Array.isArray(saved.messages)) return saved;
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { messages: [], conversationId: null, open: false };
  }

  function save() {
    state.messages = state.messages.slice(-maxMessages);
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // -- the frame: launcher button and panel, inside a shadow root ------------------------------
  var host = el("div");
  host.id = "policykb-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("link");
  style.rel = "stylesheet";
  style.href = origin + "/static/widget.css";
  root.appendChild(style);

  var launcher = el("button", "pkb-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", title);
  launcher.appendChild(el("span", "pkb-launcher-icon", "问"));
  launcher.appendChild(el("span", "pkb-launcher-text", title));

  var panel = el("section", "pkb-panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var header = el("header", "pkb-header");
  header.appendChild(el("h2", "pkb-title", title));
  var reset = el("button", "pkb-reset", "新对话");
  reset.type = "button";
  var close = el("button", "pkb-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "关闭");
  header.appendChild(reset);
  header.appendChild(close);

  var log = el("div", "pkb-log");
  log.setAttribute("aria-live", "polite");
  var form = el("form", "pkb-form");
  var input = el("textarea", "pkb-input");
  input.rows = 1;
  input.maxLength = 500;
  input.placeholder = "输入问题,回车发送";
  input.setAttribute("aria-label", "问题");
  var send = el("button", "pkb-send", "发送");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(el("div", "pkb-footer", "回答摘自已收录的政策文件,以原文为准"));
  root.appendChild(launcher);
  root.appendChild(panel);

  // -- messages --------------------------------------------------------------------------------
  function welcome() {
    var box = el("div", "pkb-msg pkb-bot");
    box.appendChild(el("p", "pkb-text", "您好!我可以回答惠企政策问题,每个回答都注明出处。试试:"));
    ["好品山东宣传推广由哪个部门牵头？", "获得中国质量奖提名奖奖励多少？", "哪些品牌可以纳入好品山东？"]
      .forEach(function (q) {
        var chip = el("button", "pkb-chip", q);
        chip.type = "button";
        chip.addEventListener("click", function () { ask(q); });
        box.appendChild(chip);
      });
    return box;
  }

  function sourceUrl(c) {
    return origin + "/source?doc=" + encodeURIComponent(c.doc_id) +
      "&start=" + encodeURIComponent(c.start) + "&end=" + encodeURIComponent(c.end);
  }

  function footnote(c) {
    var item = el("details", "pkb-note");
    item.setAttribute("data-n", c.n);
    item.appendChild(el("summary", "pkb-note-title", "[" + c.n + "] 《" + c.title + "》"));
    var body = el("div", "pkb-note-body");
    body.appendChild(el("blockquote", "pkb-quote", c.quote));
    var about = [c.issuer, c.date, c.region].filter(Boolean).join(" · ");
    body.appendChild(el("div", "pkb-about", about));
    var link = el("a", "pkb-source-link", "查看原文 ↗");
    link.href = sourceUrl(c);
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    body.appendChild(link);
    item.appendChild(body);
    return item;
  }

  // The answer text with each "[n]" made a button that opens footnote n.
  function answerText(text, notes) {
    var p = el("p", "pkb-text");
    var parts = String(text).split(/(\[\d+\])/);
    parts.forEach(function (part) {
      var ref = /^\[(\d+)\]$/.exec(part);
      var note = ref && notes.querySelector('details[data-n="' + ref[1] + '"]');
      if (!note) { p.appendChild(document.createTextNode(part)); return; }
      var button = el("button", "pkb-ref", part);
      button.type = "button";
      button.addEventListener("click", function () {
        note.open = true;
        note.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
      p.appendChild(button);
    });
    return p;
  }

  function render(message) {
    var box = el("div", "pkb-msg pkb-" + (message.role === "user" ? "user" : "bot"));
    if (message.role === "user") {
      box.appendChild(el("p", "pkb-text", message.text));
      return box;
    }
    if (message.error) box.classList.add("pkb-error");
    var notes = el("div", "pkb-notes");
    (message.citations || []).forEach(function (c) { notes.appendChild(footnote(c)); });
    box.appendChild(answerText(message.text, notes));
    if (notes.childNodes.length) {
      box.appendChild(el("div", "pkb-notes-label", "来源"));
      box.appendChild(notes);
    }
    return box;
  }

  // The last question at the top of the log, so its answer reads from its beginning.
  function showLastQuestion() {
    var questions = log.querySelectorAll(".pkb-user");
    var last = questions[questions.length - 1];
    log.scrollTop = last ? last.offsetTop - 8 : 0;
  }

  function redraw() {
    log.textContent = "";
    log.appendChild(welcome());
    state.messages.forEach(function (m) { log.appendChild(render(m)); });
    showLastQuestion();
  }

  function add(message) {
    state.messages.push(message);
    save();
    log.appendChild(render(message));
    if (message.role === "user") log.scrollTop = log.scrollHeight; else showLastQuestion();
  }

  // -- talking to the API ----------------------------------------------------------------------
  var busy = false;

  function ask(question) {
    question = String(question || "").trim();
    if (!question || busy) return;
    busy = true;
    send.disabled = true;
    add({ role: "user", text: question });
    var waiting = el("div", "pkb-msg pkb-bot pkb-waiting", "正在查找文件…");
    log.appendChild(waiting);
    log.scrollTop = log.scrollHeight;
    fetch(origin + "/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: question, region: region || null,
                             conversation_id: state.conversationId })
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.detail || ("HTTP " + response.status));
        return data;
      });
    }).then(function (data) {
      state.conversationId = data.conversation_id;
      add({ role: "bot", text: data.answer, citations: data.citations, refused: data.refused });
    }).catch(function (error) {
      add({ role: "bot", error: true, text: "出错了:" + (error && error.message || error) });
    }).then(function () {
      waiting.remove();
      busy = false;
      send.disabled = false;
    });
  }

  function setOpen(open) {
    state.open = open;
    panel.classList.toggle("pkb-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    save();
    if (open) {
      showLastQuestion();
      input.focus();
    }
  }

  launcher.addEventListener("click", function () { setOpen(!state.open); });
  close.addEventListener("click", function () { setOpen(false); });
  reset.addEventListener("click", function () {
    state.messages = [];
    state.conversationId = null;
    save();
    redraw();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value;
    input.value = "";
    ask(question);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });

  function start() {
    document.body.appendChild(host);
    redraw();
    setOpen(Boolean(state.open));
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
