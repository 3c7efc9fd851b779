// The worker page: join with a pseudonym, answer tasks, see your pay and your receipt.
// Plain JavaScript, no build step. The protocol is docs/crowd-protocol.md. The page shows
// only this worker's own work: never who else is working, nor for whom the tasks are.
"use strict";

(function () {
  const LANGUAGES = ["en", "de", "fr"];
  const FILES = "abcdefgh";
  const PROMOTIONS = ["q", "r", "b", "n"];
  const state = {
    words: {}, language: "en", socket: null, token: null, room: "", worker: null,
    points: null, task: null, pick: null, from: null, ranking: [], label: null,
    closesAt: 0, timer: null, retry: 0, joined: false, ended: false, status: ["", false],
    waitKey: "status.waiting", paused: false, result: null, results: 0, receipt: null,
    screen: "join",
  };
  const $ = (id) => document.getElementById(id);

  // -- words --------------------------------------------------------------------------------

  function t(key, fields) {
    const text = state.words[key] || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (fields && name in fields ? fields[name] : ""));
  }

  async function setLanguage(code) {
    if (!LANGUAGES.includes(code)) code = "en";
    const response = await fetch(`/strings/${code}.json`);
    state.words = await response.json();
    state.language = code;
    document.documentElement.lang = code;
    try { localStorage.setItem("language", code); } catch (e) { /* private mode */ }
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    document.querySelectorAll("[data-lang]").forEach((el) => {
      el.setAttribute("aria-pressed", String(el.dataset.lang === code));
    });
    document.title = t("title");
    render();
  }

  function firstLanguage() {
    let saved = null;
    try { saved = localStorage.getItem("language"); } catch (e) { /* private mode */ }
    if (saved && LANGUAGES.includes(saved)) return saved;
    const wanted = (navigator.language || "en").slice(0, 2).toLowerCase();
    return LANGUAGES.includes(wanted) ? wanted : "en";
  }

  // -- the connection -----------------------------------------------------------------------

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + "/ws");
    state.socket = socket;
    socket.addEventListener("open", () => {
      state.retry = 0;
      if (state.token) send({ type: "resume", room: state.room, token: state.token });
      else setStatus("", false);
      render();
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      receive(message);
    });
    socket.addEventListener("close", () => {
      state.socket = null;
      if (state.ended) return;
      setStatus(t("status.reconnecting"), true);
      const delay = Math.min(8000, 500 * 2 ** state.retry);
      state.retry += 1;
      setTimeout(connect, delay);
    });
  }

  function send(message) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify(Object.assign({ v: 1 }, message)));
      return true;
    }
    return false;
  }

  function receive(message) {
    switch (message.type) {
      case "welcome":
        state.worker = message.worker; state.token = message.token; state.room = message.room;
        state.points = message.points; state.joined = true;
        try { sessionStorage.setItem("resume", JSON.stringify({ room: state.room, token: state.token })); } catch (e) { /* ignore */ }
        setStatus("", false);
        if (!state.task) show("wait");
        break;
      case "refused":
        refused(message);
        break;
      case "room":
        state.paused = message.paused;
        state.ended = message.ended;
        state.waitKey = message.ended ? "status.ended" : message.paused ? "status.paused"
          : message.open ? "status.waiting" : "status.waiting";
        if (message.ended) { state.task = null; }
        break;
      case "task":
        takeTask(message);
        break;
      case "counted":
        if (state.task && state.task.task === message.task) {
          state.task.answered = true;
          setStatus(t("status.counted"), false);
        }
        break;
      case "closed":
        closeTask(message);
        break;
      case "receipt":
        state.receipt = message;
        if (!state.task) show("receipt");
        break;
      default:
        break;
    }
    render();
  }

  function refused(message) {
    const reason = message.reason || "";
    if (reason === "unknown_token") {
      state.token = null;
      try { sessionStorage.removeItem("resume"); } catch (e) { /* ignore */ }
      show("join");
    }
    if (message.ref === "join" || message.ref === "resume") $("join-button").disabled = false;
    if (reason === "replaced") state.ended = true;
    setStatus(t("refused." + reason) || reason, true);
  }

  // -- tasks --------------------------------------------------------------------------------

  function takeTask(message) {
    const same = state.task && state.task.task === message.task;
    state.task = message;
    state.closesAt = Date.now() + message.seconds * 1000;
    if (!same) {
      state.pick = null; state.from = null; state.ranking = []; state.label = null;
      setStatus(message.answered ? t("task.already") : "", false);
    }
    show("task");
    if (!state.timer) state.timer = setInterval(tick, 250);
  }

  function closeTask(message) {
    if (!state.task || state.task.task !== message.task) return;
    state.task = null;
    if (message.points >= 0) state.points = message.points;
    state.result = !message.answered ? ["missed", null]
      : message.accepted ? ["accepted", message.earned] : ["rejected", 0];
    state.results += 1;
    setStatus("", false);
    show(state.receipt && state.ended ? "receipt" : "wait");
  }

  function tick() {
    if (!state.task) { clearInterval(state.timer); state.timer = null; return; }
    renderClock();
  }

  function sideName(fen) {
    return fen.split(" ")[1] === "w" ? t("side.white") : t("side.black");
  }

  function question(task) {
    const side = sideName(task.fen);
    if (task.kind === "propose") return t("task.propose", { side });
    if (task.kind === "rate") return t("task.rate", { side });
    return t("task.label_" + task.question, { side });
  }

  function answer() {
    const task = state.task;
    if (!task || task.answered) return null;
    if (task.kind === "propose") return state.pick ? [state.pick] : null;
    if (task.kind === "rate") return state.ranking.length === task.candidates.length ? state.ranking.slice() : null;
    return state.label ? [state.label] : null;
  }

  function submit() {
    const task = state.task;
    const given = answer();
    if (!task || !given) return;
    if (send({ type: "answer", task: task.task, game: task.game, ply: task.ply, answer: given })) {
      task.answered = true;
      setStatus(t("status.sending"), false);
      render();
    }
  }

  // -- the board ----------------------------------------------------------------------------

  function parseFen(fen) {
    const squares = {};
    fen.split(" ")[0].split("/").forEach((row, index) => {
      let file = 0;
      for (const char of row) {
        if (/\d/.test(char)) { file += Number(char); continue; }
        squares[FILES[file] + (8 - index)] = char;
        file += 1;
      }
    });
    return squares;
  }

  function pieceImage(symbol) {
    const color = symbol === symbol.toUpperCase() ? "w" : "b";
    const img = document.createElement("img");
    img.src = `/pieces/${color}${symbol.toUpperCase()}.svg`;
    img.alt = "";
    return img;
  }

  function highlights(task) {
    const marks = {};
    const add = (square, name) => { (marks[square] = marks[square] || []).push(name); };
    if (task.kind === "propose") {
      if (state.pick) { add(state.pick.slice(0, 2), "from"); add(state.pick.slice(2, 4), "to"); }
      else if (state.from) {
        add(state.from, "from");
        task.moves.filter((m) => m.startsWith(state.from)).forEach((m) => add(m.slice(2, 4), "target"));
      }
    } else if (task.kind === "rate" && state.ranking.length) {
      const last = state.ranking[state.ranking.length - 1];
      add(last.slice(0, 2), "from"); add(last.slice(2, 4), "to");
    } else if (task.kind === "label" && state.label && state.label.length === 2) {
      add(state.label, "label-pick");
    }
    return marks;
  }

  function renderBoard(task) {
    const board = $("board");
    board.textContent = "";
    const pieces = parseFen(task.fen);
    const white = task.fen.split(" ")[1] === "w";
    const marks = highlights(task);
    for (let row = 0; row < 8; row += 1) {
      for (let col = 0; col < 8; col += 1) {
        const file = white ? col : 7 - col;
        const rank = white ? 8 - row : row + 1;
        const square = FILES[file] + rank;
        const cell = document.createElement("button");
        cell.type = "button";
        cell.className = "square " + ((file + rank) % 2 === 0 ? "light" : "dark");
        cell.dataset.square = square;
        (marks[square] || []).forEach((name) => cell.classList.add(name));
        if (pieces[square]) {
          cell.appendChild(pieceImage(pieces[square]));
          if ((marks[square] || []).includes("target")) cell.classList.add("capture");
        }
        cell.setAttribute("aria-label", square);
        if (col === 0 || row === 7) {
          const coord = document.createElement("span");
          coord.className = "coord";
          coord.textContent = (col === 0 ? String(rank) : "") + (row === 7 ? FILES[file] : "");
          cell.appendChild(coord);
        }
        cell.addEventListener("click", () => tapSquare(square));
        board.appendChild(cell);
      }
    }
  }

  function tapSquare(square) {
    const task = state.task;
    if (!task || task.answered) return;
    if (task.kind === "propose") {
      const moves = task.moves;
      if (state.from && moves.some((m) => m.startsWith(state.from + square))) {
        const options = moves.filter((m) => m.startsWith(state.from + square));
        if (options.length === 1) state.pick = options[0];
        else state.promoting = state.from + square;
      } else if (moves.some((m) => m.startsWith(square))) {
        state.from = square; state.pick = null; state.promoting = null;
      } else {
        state.from = null; state.pick = null; state.promoting = null;
      }
    } else if (task.kind === "label" && task.question === "hanging") {
      if (task.labels.includes(square)) state.label = state.label === square ? null : square;
    }
    render();
  }

  function renderChoices(task) {
    const box = $("choices");
    box.textContent = "";
    const button = (text, picked, onClick, value) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      if (value) b.dataset.value = value;
      if (picked) b.classList.add("picked");
      b.disabled = Boolean(task.answered);
      b.addEventListener("click", onClick);
      box.appendChild(b);
      return b;
    };
    if (task.kind === "rate") {
      task.candidates.forEach((candidate) => {
        const place = state.ranking.indexOf(candidate.uci);
        const b = button("", place >= 0, () => rank(candidate.uci), candidate.uci);
        const tag = document.createElement("span");
        tag.className = "rank";
        tag.textContent = place >= 0 ? `${place + 1}.` : "·";
        b.appendChild(tag);
        b.appendChild(document.createTextNode(" " + candidate.san));
      });
    } else if (task.kind === "label") {
      const options = task.question === "king_danger" ? ["yes", "no"] : ["none"];
      options.forEach((value) => button(t("task." + value), state.label === value, () => {
        state.label = state.label === value ? null : value; render();
      }, value));
    }
    const promotion = $("promotion");
    promotion.textContent = "";
    promotion.hidden = !(task.kind === "propose" && state.promoting && !state.pick);
    if (!promotion.hidden) {
      const white = task.fen.split(" ")[1] === "w";
      PROMOTIONS.forEach((letter) => {
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.value = letter;
        b.appendChild(pieceImage(white ? letter.toUpperCase() : letter));
        b.addEventListener("click", () => { state.pick = state.promoting + letter; state.promoting = null; render(); });
        promotion.appendChild(b);
      });
    }
  }

  function rank(uci) {
    const place = state.ranking.indexOf(uci);
    if (place >= 0) state.ranking = state.ranking.slice(0, place);
    else state.ranking.push(uci);
    render();
  }

  function noteFor(task) {
    if (task.answered) return "";
    if (task.kind === "propose") return t("task.propose_hint");
    if (task.kind === "rate") return t("task.rank_hint");
    return task.question === "hanging" ? t("task.hanging_hint") : "";
  }

  function hintText(hint) {
    if (!hint) return "";
    const fields = { agreeing: hint.agreeing, answered: hint.answered, square: hint.label };
    if (hint.question === "king_danger") return t("task.hint_king_" + hint.label, fields);
    return hint.label === "none" ? t("task.hint_hanging_none", fields) : t("task.hint_hanging", fields);
  }

  // -- screens ------------------------------------------------------------------------------

  function show(screen) { state.screen = screen; }

  function setStatus(text, isError) { state.status = [text, isError]; }

  function renderClock() {
    const clock = $("clock");
    if (!state.task) { clock.textContent = ""; return; }
    const seconds = state.paused ? Math.ceil((state.closesAt - Date.now()) / 1000)
      : Math.max(0, Math.ceil((state.closesAt - Date.now()) / 1000));
    clock.textContent = state.paused ? t("status.paused_short") : t("task.time_left", { seconds: Math.max(0, seconds) });
    clock.classList.toggle("low", !state.paused && seconds <= 5);
  }

  function render() {
    ["join", "wait", "task", "receipt"].forEach((name) => { $(name + "-screen").hidden = state.screen !== name; });
    const [text, isError] = state.status;
    $("status").textContent = text;
    $("status").classList.toggle("error", isError);
    $("points").hidden = state.points === null;
    $("points").textContent = t("points", { points: state.points === null ? 0 : state.points });
    renderResult();
    if (state.screen === "wait") renderWait();
    if (state.screen === "task" && state.task) renderTask(state.task);
    if (state.screen === "receipt") renderReceipt();
  }

  function renderWait() {
    $("wait-text").textContent = t(state.waitKey);
  }

  // The last task's result stays in view, also while the next task is open.
  function renderResult() {
    const banner = $("result");
    banner.hidden = !state.result || state.screen === "join" || state.screen === "receipt";
    banner.dataset.count = String(state.results);
    if (state.result) {
      const [kind, earned] = state.result;
      banner.textContent = t("result." + kind, { earned });
      banner.className = "banner " + (kind === "accepted" ? "good" : kind === "rejected" ? "bad" : "");
    }
  }

  function renderTask(task) {
    const screen = $("task-screen");
    screen.dataset.task = task.task;
    screen.dataset.kind = task.kind;
    screen.dataset.question = task.question || "";
    $("reward").textContent = t("task.reward", { points: task.reward });
    $("question").textContent = question(task);
    const hint = hintText(task.hint);
    $("hint").hidden = !hint;
    $("hint").textContent = hint;
    renderBoard(task);
    renderChoices(task);
    $("task-note").textContent = noteFor(task);
    $("send").disabled = !answer();
    $("send").hidden = Boolean(task.answered);
    renderClock();
  }

  function renderReceipt() {
    const r = state.receipt;
    const list = $("receipt");
    list.textContent = "";
    if (!r) return;
    const minutes = Math.floor(r.seconds_on_tasks / 60);
    const rows = [
      ["receipt.worker", r.name || t("receipt.worker_number", { number: r.number })],
      ["receipt.answered", r.answered], ["receipt.accepted", r.accepted],
      ["receipt.rejected", r.rejected], ["receipt.earned", r.earned], ["receipt.fees", r.fees],
      ["receipt.time", t("receipt.time_value", { minutes, seconds: r.seconds_on_tasks % 60 })],
      ["receipt.class", r.class_size],
    ];
    rows.forEach(([key, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = t(key);
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      dd.dataset.field = key.split(".")[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
  }

  // -- start --------------------------------------------------------------------------------

  function start() {
    const params = new URLSearchParams(location.search);
    $("room").value = (params.get("room") || "").toUpperCase().slice(0, 8);
    try {
      const saved = JSON.parse(sessionStorage.getItem("resume") || "null");
      if (saved && saved.token && (!params.get("room") || saved.room === $("room").value)) {
        state.token = saved.token; state.room = saved.room; show("wait");
        setStatus(t("status.connecting"), false);
      }
    } catch (e) { /* ignore */ }
    $("join-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.room = $("room").value.trim().toUpperCase();
      if (send({ type: "join", room: state.room, name: $("name").value, language: state.language })) {
        $("join-button").disabled = true;
        setStatus(t("status.connecting"), false);
        render();
      }
    });
    $("send").addEventListener("click", submit);
    document.querySelectorAll("[data-lang]").forEach((el) => {
      el.addEventListener("click", () => setLanguage(el.dataset.lang));
    });
    setLanguage(firstLanguage()).then(connect);
  }

  document.addEventListener("DOMContentLoaded", start);
}());
