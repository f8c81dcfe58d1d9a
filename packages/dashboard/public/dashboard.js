// 全国科普日数据看板 — the reference dashboard page. It reads only the public GraphQL API: the operations
// in schema/operations/ (fetched from the gateway as committed), over HTTP for the figures and over the
// gateway's WebSocket (graphql-ws) for statsChanged. Copy this file and the two operations to build yours.
'use strict';

(function dashboard() {
  const GRAPHQL_URL = new URL('/graphql', location.href);
  const WS_URL = GRAPHQL_URL.href.replace(/^http/, 'ws');
  const FIRST_YEAR = 2020;
  // statsChanged sends at most one event per region per second; the national figures and lists are
  // re-read at most this often while events keep coming.
  const REFRESH_DEBOUNCE_MS = 400;
  const REFRESH_MIN_INTERVAL_MS = 1500;

  // Chinese names of the schema's enums (their descriptions in schema/supergraph.graphql).
  const JOINT_ACTIONS = {
    READING: '科普阅读', CAMPUS: '校园科普', RESEARCH_TEAM: '科研团队', RURAL: '农村科普', HEALTH: '卫生健康',
    PUBLIC_SAFETY: '公共安全', WATER_SAVING: '节水', ENTERPRISE: '企业科普', SOCIETY: '学会科普', VENUE: '科普阵地',
  };
  const CONTENT_AREAS = {
    SCIENTIFIC_SPIRIT: '弘扬科学精神', HEALTH_AND_EPIDEMIC: '疫情防控与健康科普',
    POVERTY_ALLEVIATION: '聚焦脱贫攻坚', TECH_VOLUNTEERING: '加强科技志愿',
  };
  const METRICS = {
    // Each stats field is null while the subgraph behind it is down (the rest of the answer still comes).
    activityCount: { label: '活动数', of: (r) => r.activityStats?.activityCount },
    participantCount: { label: '参与人次', of: (r) => r.activityStats?.participantCount },
    checkInCount: { label: '打卡次数', of: (r) => r.activityStats?.checkInCount },
    serviceHours: { label: '志愿服务时长（小时）', of: (r) => r.volunteerStats?.serviceHours },
    averageRating: { label: '平均评分', of: (r) => r.evaluationStats?.averageRating },
  };
  const COLORS = ['#c23531', '#2f4554', '#3a7bd5', '#d48265', '#61a0a8', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074'];

  const $ = (id) => document.getElementById(id);
  const requestedYear = Number(new URLSearchParams(location.search).get('campaign')) || null;

  const state = {
    year: requestedYear,
    data: null, // the last DashboardPage result
    regions: new Map(), // code → region, patched by statsChanged between reloads
    metric: 'activityCount',
    generation: 0, // bumped on a campaign change; answers for an older one are dropped
    live: null, // { dispose } of the current subscription
    refresh: { timer: null, running: null, again: false, last: 0, followUp: false, trailing: null },
  };

  // ---- the operations, fetched once as committed in schema/operations/ -------------------------------
  // Each with its sha256 (hex), its id as an automatic persisted query: the hub sends it with the file
  // (x-persisted-query-hash); elsewhere it is computed (crypto.subtle: https or localhost only), or the
  // page POSTs the document instead.
  async function sha256Of(response, text) {
    const sent = response.headers.get('x-persisted-query-hash');
    if (sent) return sent;
    if (!globalThis.crypto?.subtle) return null;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  const operation = (name) =>
    fetch(`/dashboard/operations/${name}`).then(async (response) => {
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      const text = await response.text();
      return { text, sha256: await sha256Of(response, text) };
    });
  const pageQuery = operation('dashboard-page.graphql');
  const liveSubscription = operation('dashboard-live.graphql').then((document) => document.text);

  const ACCEPT = 'application/graphql-response+json, application/json';
  const post = (body) => fetch(GRAPHQL_URL, { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT }, body: JSON.stringify(body) });

  /**
   * Runs the page's query. As a GET of its hash (an automatic persisted query), so the hub's response
   * cache, a CDN and the browser can answer it: public figures are the same for everyone and may be a
   * few seconds old (the answer's max-age). The first time the hub has not seen the hash, the document
   * goes along once in a POST, which registers it. Resolves to the data, the answer's max-age (s) and
   * its errors: a subgraph that is down nulls only its own fields, so an answer with data is shown.
   */
  async function graphql(document, variables) {
    let response;
    if (document.sha256) {
      const extensions = { persistedQuery: { version: 1, sha256Hash: document.sha256 } };
      const url = new URL(GRAPHQL_URL);
      url.search = new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify(extensions) }).toString();
      // Apollo Server takes a GET only with a header a cross-site form cannot send (CSRF).
      response = await fetch(url, { headers: { accept: ACCEPT, 'apollo-require-preflight': 'true' } });
      const unknown = response.clone();
      const body = await unknown.json().catch(() => null);
      if (body?.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
        response = await post({ query: document.text, variables, extensions });
      }
    } else {
      response = await post({ query: document.text, variables });
    }
    const body = await response.json();
    const errors = body.errors ?? [];
    if (errors.length && !body.data) throw new Error(errors.map((error) => error.message).join('; '));
    const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1] ?? 0);
    return { data: body.data, maxAge, errors };
  }

  // The first request goes out before the libraries run: the year is the one asked for in the URL, or
  // (unknown until the answer) the latest campaign, asked for with a first guess of this year.
  const firstLoad = pageQuery.then((query) => graphql(query, { campaign: state.year ?? new Date().getFullYear() }));
  firstLoad.catch(() => undefined); // handled in start()
  const loadScript = (src) => new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
  // Dynamic scripts run as they arrive: graphql-ws and ECharts do not depend on each other.
  const ready = pageQuery.catch(() => undefined).then(() => Promise.all([
    loadScript('/dashboard/assets/echarts.common.min.js'),
    loadScript('/dashboard/assets/graphql-ws.min.js'),
  ]));

  // ---- formatting (Chinese units) --------------------------------------------------------------------
  const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  function count(value) {
    if (value == null) return '—';
    if (Math.abs(value) >= 1e8) return `${(value / 1e8).toFixed(2)}亿`;
    if (Math.abs(value) >= 1e5) return `${(value / 1e4).toFixed(1)}万`;
    return integer.format(value);
  }
  const rating = (value) => (value == null ? '—' : value.toFixed(2));
  const figure = (key, value) => (key === 'averageRating' ? rating(value) : count(value));

  function setFigure(id, key, value) {
    const element = $(id);
    element.dataset.value = value == null ? '' : String(value);
    element.textContent = figure(key, value);
    element.title = value == null ? '暂无' : `${value}`;
  }

  // ---- charts ----------------------------------------------------------------------------------------
  let charts = null;
  function makeCharts() {
    const init = (id) => echarts.init($(id), null, { renderer: 'canvas' });
    charts = { provinces: init('chart-provinces'), trend: init('chart-trend'), joint: init('chart-joint'), areas: init('chart-areas') };
    const resize = () => Object.values(charts).forEach((chart) => chart.resize());
    window.addEventListener('resize', resize);
  }
  const narrow = () => window.innerWidth < 720;
  const axisLabel = { color: '#475569', fontSize: 12 };
  const grid = (left) => ({ left, right: 16, top: 28, bottom: 28, containLabel: false });

  function drawProvinces() {
    const metric = METRICS[state.metric];
    const rows = [...state.regions.values()]
      .map((region) => ({ name: region.name, value: metric.of(region) }))
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    charts.provinces.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => figure(state.metric, value) },
      grid: { left: narrow() ? 64 : 84, right: 56, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (value) => figure(state.metric, value) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: { ...axisLabel, interval: 0, fontSize: 11 } },
      series: [{
        type: 'bar', name: metric.label, data: rows.map((row) => row.value), barMaxWidth: 14,
        itemStyle: { color: '#c23531', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', fontSize: 10, color: '#334155', formatter: ({ value }) => figure(state.metric, value) },
      }],
    }, { notMerge: true });
    const body = $('province-table').tBodies[0];
    body.replaceChildren(...[...state.regions.values()].map((region) => {
      const row = document.createElement('tr');
      row.dataset.region = region.code;
      const cells = [
        ['name', region.name],
        ...['activityCount', 'participantCount', 'checkInCount', 'serviceHours', 'averageRating'].map((key) => [key, METRICS[key].of(region)]),
      ];
      for (const [key, value] of cells) {
        const text = key === 'name' ? value : figure(key, value);
        const cell = document.createElement(key === 'name' ? 'th' : 'td');
        cell.textContent = text;
        if (key !== 'name') {
          cell.dataset.figure = key;
          cell.dataset.value = value == null ? '' : String(value);
        }
        row.append(cell);
      }
      return row;
    }));
  }

  function drawTrend(campaign) {
    const days = new Map();
    const at = (day) => {
      if (!days.has(day)) days.set(day, { checkIns: 0, runningActivities: 0, serviceHours: 0, feedbackCount: 0 });
      return days.get(day);
    };
    // volunteerDaily and evaluationDaily are null while their subgraph is down: those lines stay at 0.
    for (const entry of campaign.activityDaily) Object.assign(at(entry.day), { checkIns: entry.checkIns, runningActivities: entry.runningActivities });
    for (const entry of campaign.volunteerDaily ?? []) at(entry.day).serviceHours = entry.serviceHours;
    for (const entry of campaign.evaluationDaily ?? []) at(entry.day).feedbackCount = entry.feedbackCount;
    const order = [...days.keys()].sort();
    const series = (name, key, yAxisIndex, color) => ({
      name, type: 'line', yAxisIndex, showSymbol: order.length < 40, smooth: 0.2, color,
      data: order.map((day) => days.get(day)[key]),
    });
    charts.trend.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis', valueFormatter: (value) => count(value) },
      legend: { top: 0, textStyle: { fontSize: 12 }, itemGap: narrow() ? 6 : 10 },
      grid: { left: 52, right: 52, top: narrow() ? 60 : 40, bottom: 28 },
      xAxis: { type: 'category', data: order.map((day) => day.slice(5)), axisLabel },
      yAxis: [
        { type: 'value', axisLabel: { ...axisLabel, formatter: (value) => count(value) } },
        { type: 'value', name: '小时', axisLabel: { ...axisLabel, formatter: (value) => count(value) }, splitLine: { show: false } },
      ],
      dataZoom: order.length > 45 ? [{ type: 'inside' }] : [],
      series: [
        series('打卡次数', 'checkIns', 0, '#c23531'),
        series('在办活动', 'runningActivities', 0, '#3a7bd5'),
        series('评价数', 'feedbackCount', 0, '#ca8622'),
        series('志愿服务时长', 'serviceHours', 1, '#749f83'),
      ],
    }, { notMerge: true });
  }

  function drawJointActions(stats) {
    const counts = new Map(stats.byJointAction.map((entry) => [entry.jointAction, entry.activityCount]));
    const rows = Object.keys(JOINT_ACTIONS).map((key) => ({ key, name: JOINT_ACTIONS[key], value: counts.get(key) ?? 0 }))
      .sort((a, b) => b.value - a.value);
    charts.joint.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => count(value) },
      grid: { left: 72, right: 48, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (value) => count(value) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: { ...axisLabel, interval: 0 } },
      series: [{
        type: 'bar', name: '活动数', barMaxWidth: 14, data: rows.map((row, index) => ({ value: row.value, itemStyle: { color: COLORS[index % COLORS.length] } })),
        label: { show: true, position: 'right', fontSize: 10, formatter: ({ value }) => count(value) },
      }],
    }, { notMerge: true });
    $('chart-joint').dataset.values = JSON.stringify(Object.fromEntries(rows.map((row) => [row.key, row.value])));
  }

  function drawContentAreas(stats) {
    const counts = new Map(stats.byContentArea.map((entry) => [entry.contentArea, entry.activityCount]));
    const rows = Object.keys(CONTENT_AREAS).map((key) => ({ key, name: CONTENT_AREAS[key], value: counts.get(key) ?? 0 }));
    charts.areas.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'item', valueFormatter: (value) => count(value) },
      legend: { bottom: 0, textStyle: { fontSize: 12 } },
      series: [{
        type: 'pie', name: '活动数', radius: ['38%', '66%'], center: ['50%', '44%'], color: COLORS.slice(2),
        label: { formatter: ({ percent }) => `${percent.toFixed(0)}%`, fontSize: 12 },
        data: rows.map((row) => ({ name: row.name, value: row.value })),
      }],
    }, { notMerge: true });
    $('chart-areas').dataset.values = JSON.stringify(Object.fromEntries(rows.map((row) => [row.key, row.value])));
  }

  function listItem(id, title, detail, value, key) {
    const item = document.createElement('li');
    item.dataset.activity = id;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = title;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = detail;
    const number = document.createElement('span');
    number.className = 'value';
    number.dataset.figure = key;
    number.dataset.value = String(value);
    number.textContent = figure(key, value);
    item.append(name, where, number);
    return item;
  }

  function drawTopLists(data) {
    const empty = () => {
      const item = document.createElement('li');
      item.className = 'empty';
      item.textContent = '暂无';
      return item;
    };
    const byCheckIns = data.topActivitiesByCheckIns.map((activity) =>
      listItem(activity.id, activity.title, [activity.region?.name, activity.organizer?.name].filter(Boolean).join(' · '), activity.checkInCount, 'checkInCount'));
    $('top-checkins').replaceChildren(...(byCheckIns.length ? byCheckIns : [empty()]));
    // An entry's activity is null while the activities subgraph is down: nothing to name, left out.
    const rated = data.topRatedActivities.filter((entry) => entry.activity).map((entry) =>
      listItem(entry.activity.id, entry.activity.title, `${entry.activity.region?.name ?? ''} · ${entry.feedbackCount} 条评价`, entry.averageRating, 'averageRating'));
    $('top-rated').replaceChildren(...(rated.length ? rated : [empty()]));
  }

  function drawNational(campaign) {
    const { activityStats: a, volunteerStats: v, evaluationStats: e } = campaign;
    setFigure('kpi-activityCount', 'activityCount', a.activityCount);
    setFigure('kpi-onlineActivityCount', 'onlineActivityCount', a.onlineActivityCount);
    setFigure('kpi-participantCount', 'participantCount', a.participantCount);
    setFigure('kpi-checkInCount', 'checkInCount', a.checkInCount);
    setFigure('kpi-volunteerCount', 'volunteerCount', v?.volunteerCount);
    setFigure('kpi-activeVolunteerCount', 'activeVolunteerCount', v?.activeVolunteerCount);
    setFigure('kpi-serviceHours', 'serviceHours', v?.serviceHours);
    setFigure('kpi-averageRating', 'averageRating', e?.averageRating);
    setFigure('kpi-feedbackCount', 'feedbackCount', e?.feedbackCount);
  }

  function drawCampaigns(campaigns) {
    const select = $('campaign');
    const years = campaigns.filter((campaign) => campaign.year >= FIRST_YEAR).sort((a, b) => b.year - a.year);
    select.replaceChildren(...years.map((campaign) => {
      const option = document.createElement('option');
      option.value = String(campaign.year);
      option.textContent = `${campaign.year}年${campaign.isDemo ? '（演示）' : ''}`;
      option.selected = campaign.year === state.year;
      return option;
    }));
  }

  function render(data) {
    state.data = data;
    state.regions = new Map(data.regions.map((region) => [region.code, region]));
    const campaign = data.campaign;
    drawCampaigns(data.campaigns);
    $('theme').textContent = `${campaign.year}年全国科普日 · ${campaign.theme}${campaign.isDemo ? '（演示数据）' : ''}`;
    document.title = `${campaign.year}年全国科普日数据看板`;
    drawNational(campaign);
    drawProvinces();
    drawTrend(campaign);
    drawJointActions(campaign.activityStats);
    drawContentAreas(campaign.activityStats);
    drawTopLists(data);
    $('updated').textContent = `更新于 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
    document.body.dataset.campaign = String(campaign.year);
    document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  }

  function showError(error) {
    const box = $('error');
    box.hidden = false;
    box.textContent = `数据加载失败：${error instanceof Error ? error.message : String(error)}`;
  }

  /** Figures missing from an answer that came with errors: shown as — beside this note. */
  function showPartial(errors) {
    const box = $('error');
    box.hidden = errors.length === 0;
    box.textContent = errors.length ? `部分数据暂不可用（显示为 —）：${[...new Set(errors.map((error) => error.message))].join('; ')}` : '';
  }

  // ---- loading and live updates ----------------------------------------------------------------------
  /** Reads and shows the page's figures; resolves to the answer's max-age (s). */
  async function load() {
    const generation = state.generation;
    const { data, maxAge, errors } = await graphql(await pageQuery, { campaign: state.year });
    if (generation !== state.generation) return 0;
    if (!data.campaign) throw new Error(errors.length ? errors.map((error) => error.message).join('; ') : `没有 ${state.year} 年的活动`);
    render(data);
    showPartial(errors);
    return maxAge;
  }

  /**
   * Re-reads the page's figures soon; while events keep coming, at most every REFRESH_MIN_INTERVAL_MS.
   * A cached answer may predate the event that asked for it (by up to its max-age), so after an event's
   * refresh the page reads once more when that answer has expired: the figures catch up within the
   * max-age even if no further event comes.
   */
  function scheduleRefresh(followUp = true) {
    const refresh = state.refresh;
    refresh.followUp ||= followUp;
    if (refresh.running) {
      refresh.again = true;
      return;
    }
    if (refresh.timer) return;
    const wait = Math.max(REFRESH_DEBOUNCE_MS, refresh.last + REFRESH_MIN_INTERVAL_MS - Date.now());
    refresh.timer = setTimeout(async () => {
      refresh.timer = null;
      const follow = refresh.followUp;
      refresh.followUp = false;
      refresh.running = load().catch((error) => {
        showError(error);
        return 0;
      });
      const maxAge = await refresh.running;
      refresh.running = null;
      refresh.last = Date.now();
      if (follow && maxAge > 0) {
        clearTimeout(refresh.trailing);
        refresh.trailing = setTimeout(() => scheduleRefresh(false), maxAge * 1000 + 250);
      }
      if (refresh.again) {
        refresh.again = false;
        scheduleRefresh(false);
      }
    }, wait);
  }

  function setLive(status, text) {
    const badge = $('live');
    badge.dataset.live = status;
    badge.textContent = text;
  }

  let client = null;
  function subscribe(query) {
    state.live?.();
    const year = state.year;
    state.live = client.subscribe({ query, variables: { campaign: year } }, {
      next: ({ data, errors }) => {
        if (errors?.length || !data?.statsChanged || year !== state.year) return;
        const region = data.statsChanged;
        // A province's own figures arrive with the event: shown at once. National totals, the trend and
        // the lists need the page query again.
        if (state.regions.has(region.code)) {
          state.regions.set(region.code, { ...state.regions.get(region.code), ...region });
          drawProvinces();
        }
        scheduleRefresh();
      },
      error: (error) => {
        setLive('error', '实时更新中断');
        console.warn('statsChanged', error);
      },
      complete: () => undefined,
    });
  }

  async function changeCampaign(year) {
    state.year = year;
    state.generation += 1;
    const url = new URL(location.href);
    url.searchParams.set('campaign', String(year));
    history.replaceState(null, '', url);
    document.body.dataset.state = 'loading';
    try {
      await load();
      subscribe(await liveSubscription);
      document.body.dataset.state = 'ready';
    } catch (error) {
      showError(error);
      document.body.dataset.state = 'error';
    }
  }

  async function start() {
    await ready;
    makeCharts();
    for (const button of $('metric').querySelectorAll('button')) {
      button.addEventListener('click', () => {
        state.metric = button.dataset.metric;
        for (const other of $('metric').querySelectorAll('button')) other.setAttribute('aria-checked', String(other === button));
        if (state.data) drawProvinces();
      });
    }
    $('campaign').addEventListener('change', (event) => void changeCampaign(Number(event.target.value)));

    client = graphqlWs.createClient({
      url: WS_URL,
      lazy: false,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connected: (_socket, _payload, wasRetry) => {
          setLive('live', '实时');
          // Events sent while the socket was down are lost: read everything again.
          if (wasRetry && state.data) scheduleRefresh();
        },
        closed: () => setLive('connecting', '重新连接中'),
      },
    });

    try {
      let answer = await firstLoad.catch((error) => {
        if (requestedYear != null) throw error;
        return null; // the guessed year is not in the hub: ask for the first campaign's, which lists them all
      });
      answer ??= await graphql(await pageQuery, { campaign: FIRST_YEAR });
      const years = answer.data.campaigns.map((campaign) => campaign.year).filter((year) => year >= FIRST_YEAR);
      if (state.year == null) {
        // No year asked for: the latest campaign in the hub (the first guess may have been another).
        state.year = Math.max(...years);
        if (!answer.data.campaign || answer.data.campaign.year !== state.year) answer = await graphql(await pageQuery, { campaign: state.year });
      }
      const { data, errors } = answer;
      if (!data.campaign) throw new Error(`没有 ${state.year} 年的活动`);
      performance.mark('dashboard-data');
      render(data);
      showPartial(errors);
      // Navigation start → this mark is the page's load time (figures in place, charts drawn, next frame).
      requestAnimationFrame(() => performance.mark('dashboard-rendered'));
      subscribe(await liveSubscription);
      document.body.dataset.state = 'ready';
    } catch (error) {
      showError(error);
      document.body.dataset.state = 'error';
    }
  }

  start().catch((error) => {
    showError(error); // a library that did not load
    document.body.dataset.state = 'error';
  });
})();
