// Lays out the charts and tables of a framelens report from the JSON inlined in the page, and opens the
// keyword-in-context lines of a clicked mark. Every chart is drawn by vega-embed; nothing is fetched.
(function () {
  const data = JSON.parse(document.getElementById('framelens-data').textContent);
  const kwic = data.kwic;
  const panel = document.getElementById('kwic');

  function cell(row, text, cls) {
    const td = row.insertCell();
    if (cls) td.className = cls;
    td.textContent = text == null ? '' : String(text);
    return td;
  }

  function showKwic(key) {
    const lines = kwic[key];
    if (!lines) return;
    const [group, term] = key.split('\u0000');
    document.getElementById('kwic-term').textContent = term + (group ? ' (' + group + ')' : '');
    const table = document.getElementById('kwic-lines');
    table.replaceChildren();
    for (const l of lines) {
      const row = table.insertRow();
      row.className = 'kwic-line';
      cell(row, l.left, 'left');
      const m = row.insertCell();
      const mark = document.createElement('mark');
      mark.textContent = l.match;
      m.appendChild(mark);
      cell(row, l.right, 'right');
      cell(row, l.outlet);
      cell(row, l.published || 'undated');
      cell(row, l.title, 'title');
    }
    panel.hidden = false;
  }
  document.getElementById('kwic-close').addEventListener('click', () => { panel.hidden = true; });

  function table(el, chart) {
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    for (const c of chart.columns) {
      const th = document.createElement('th');
      th.textContent = c;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const r of chart.rows) {
      const row = body.insertRow();
      for (const v of r) cell(row, v);
    }
    wrap.appendChild(t);
    el.appendChild(wrap);
    el.dataset.rendered = 'true';
  }

  // Charts are drawn when they come near the viewport, so that opening the page costs the first screen only,
  // whatever the number of sections (the full AllSides report holds a force-laid network and thousands of points).
  // The page records, for the report benchmark, the milliseconds since navigation started when the charts of the
  // first screen were drawn (data-first-screen-ms) and when every chart was (data-rendered-ms; in a window tall
  // enough to show them all, both come at load).
  const options = { actions: { export: true, source: false, compiled: false, editor: false }, renderer: 'svg' };
  const charts = new Map();
  let left = data.charts.length;
  function done() {
    if (--left === 0) document.body.dataset.renderedMs = String(Math.round(performance.now()));
  }
  function draw(el) {
    const chart = charts.get(el);
    if (!chart.spec) {
      table(el, chart);
      done();
      return Promise.resolve();
    }
    return vegaEmbed(el, chart.spec, options).then(result => {
      el.dataset.rendered = 'true';
      result.view.addEventListener('click', (event, item) => {
        if (item && item.datum && item.datum.kwic) showKwic(item.datum.kwic);
      });
    }).catch(error => {
      el.textContent = 'This chart could not be drawn: ' + error;
      console.error(error);
    }).finally(done);
  }
  let first = true;
  const observer = new IntersectionObserver(entries => {
    const drawing = [];
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      observer.unobserve(e.target);
      drawing.push(draw(e.target));
    }
    if (first) {
      first = false;
      Promise.all(drawing).then(() => { document.body.dataset.firstScreenMs = String(Math.round(performance.now())); });
    }
  }, { rootMargin: '300px 0px' });
  for (const chart of data.charts) {
    const el = document.getElementById('chart-' + chart.id);
    charts.set(el, chart);
    observer.observe(el);
  }
})();
