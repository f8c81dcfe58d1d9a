// The registry page (GET /registry): plain JavaScript, no build step, nothing from a CDN. It reads the
// registry's GET endpoints with the token kept in this tab's sessionStorage, and writes text only
// through textContent (what the registry holds is never parsed as HTML).
(function () {
  'use strict';
  const TOKEN_KEY = 'kepuri.registry.token';
  const $ = (id) => document.getElementById(id);
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    return node;
  };
  const status = (text) => { $('status').textContent = text; };

  async function api(route) {
    const token = sessionStorage.getItem(TOKEN_KEY) || '';
    const response = await fetch('/registry' + route, { headers: token ? { authorization: 'Bearer ' + token } : {} });
    const body = await response.json();
    if (!response.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + response.status));
    return body;
  }

  function table(target, headings, rows, onPick) {
    const node = $(target);
    node.replaceChildren(el('tr', {}, ...headings.map((heading) => el('th', {}, heading))));
    rows.forEach((row) => {
      const tr = el('tr', { class: onPick ? 'pick' : '' }, ...row.cells.map((cell) => el('td', {}, cell)));
      if (onPick) tr.addEventListener('click', () => {
        for (const other of node.querySelectorAll('tr.selected')) other.classList.remove('selected');
        tr.classList.add('selected');
        onPick(row.value);
      });
      node.append(tr);
    });
  }

  function change(item) {
    const who = item.clients && item.clients.length
      ? el('div', { class: 'muted' }, 'breaks ', item.clients.map((client) => client.name + '@' + client.version).join(', '), ': ', (item.operations || []).join(', '))
      : null;
    return el('div', { class: 'change ' + item.criticality }, el('span', { class: 'tag' }, item.criticality), el('code', {}, item.path || ''), ' ', item.message, who,
      item.reason ? el('div', { class: 'muted' }, item.reason) : null);
  }

  async function showDiff(name, version) {
    const diff = await api('/subgraphs/' + encodeURIComponent(name) + '/versions/' + version + '/diff');
    $('diff-title').textContent = name + ' v' + version + (diff.previous ? ' against v' + diff.previous.version : ' (first version)');
    const empty = diff.diffError ? 'No diff: ' + diff.diffError : diff.previous ? 'No change of the schema' : 'The first version: everything is new';
    const changes = diff.changes.length ? diff.changes.map(change) : [el('p', { class: 'muted' }, empty)];
    $('diff').replaceChildren(...changes, el('h3', {}, 'SDL'), el('pre', {}, diff.sdl));
  }

  async function showVersions(name) {
    const { versions } = await api('/subgraphs/' + encodeURIComponent(name) + '/versions');
    $('versions-title').textContent = 'Versions of ' + name;
    table('version-list', ['', 'version', 'published', 'by'], versions.map((row) => ({
      value: row.version, cells: [row.active ? '●' : '', 'v' + row.version, row.publishedAt.slice(0, 19).replace('T', ' '), row.publishedBy],
    })), (version) => showDiff(name, version));
  }

  async function loadSubgraphs() {
    const { subgraphs } = await api('/subgraphs');
    table('subgraph-list', ['name', 'version', 'owner'], subgraphs.map((row) => ({ value: row.name, cells: [row.name, 'v' + row.version, row.owner] })), showVersions);
  }

  async function loadSupergraphs() {
    const { supergraphs } = await api('/supergraphs');
    table('supergraph-list', ['', 'version', 'why', 'by', 'when', 'members'], supergraphs.map((row) => ({
      value: row.version,
      cells: [row.active ? '●' : '', row.version, row.reason, row.createdBy, row.createdAt.slice(0, 19).replace('T', ' '),
        Object.entries(row.members).map(([name, version]) => name + '@' + version).join(', ')],
    })));
  }

  async function showOperations(client, version) {
    const { operations } = await api('/clients/' + encodeURIComponent(client) + '/versions/' + encodeURIComponent(version));
    $('operations-title').textContent = client + ' ' + version + ': ' + operations.length + ' operation(s)';
    $('operation-list').replaceChildren(...operations.map((operation) => el('details', {},
      el('summary', {}, el('span', { class: 'tag' }, operation.type), operation.name, ' ', el('code', { class: 'muted' }, operation.id.slice(0, 12) + '…')),
      el('pre', {}, operation.body),
      el('div', { class: 'muted' }, 'uses ', operation.coordinates.filter((coordinate) => coordinate.includes('.')).join(', ')))));
  }

  async function loadClients() {
    const { clients } = await api('/clients');
    $('client-list').replaceChildren(...clients.map((client) => el('div', {},
      el('h3', {}, client.name),
      el('table', {}, ...client.versions.map((version) => {
        const tr = el('tr', { class: 'pick' }, el('td', {}, version.version), el('td', {}, version.operations + ' op.'), el('td', { class: 'muted' }, version.publishedBy));
        tr.addEventListener('click', () => showOperations(client.name, version.version));
        return tr;
      })))));
  }

  async function showUsage(coordinate) {
    const usage = await api('/usage?coordinate=' + encodeURIComponent(coordinate));
    $('usage-title').textContent = 'Who uses ' + coordinate + ' (registered operations of active client versions, requests of the last ' + usage.days + ' days)';
    if (usage.clients.length === 0) return $('usage').replaceChildren(el('p', { class: 'muted' }, 'Nothing: unused for ' + usage.days + ' days'));
    const node = el('table', {});
    $('usage').replaceChildren(node);
    node.append(el('tr', {}, ...['client', 'version', 'operations', 'requests', 'registered'].map((heading) => el('th', {}, heading))));
    for (const client of usage.clients) {
      node.append(el('tr', {}, el('td', {}, client.name), el('td', {}, client.version || '—'), el('td', {}, client.operations.join(', ')), el('td', {}, client.requests), el('td', {}, client.registered ? 'yes' : '')));
    }
  }

  async function loadFields() {
    const { fields } = await api('/fields');
    const render = () => {
      const filter = $('field-filter').value.trim().toLowerCase();
      $('field-list').replaceChildren(...fields.filter((field) => field.toLowerCase().includes(filter)).slice(0, 500).map((field) => {
        const li = el('li', {}, field);
        li.addEventListener('click', () => {
          for (const other of $('field-list').querySelectorAll('li.selected')) other.classList.remove('selected');
          li.classList.add('selected');
          showUsage(field).catch((error) => status(error.message));
        });
        return li;
      }));
    };
    $('field-filter').oninput = render;
    render();
  }

  const loaders = { subgraphs: loadSubgraphs, supergraphs: loadSupergraphs, clients: loadClients, fields: loadFields };
  function showTab(name) {
    for (const button of document.querySelectorAll('nav button')) button.setAttribute('aria-selected', String(button.dataset.tab === name));
    for (const section of document.querySelectorAll('section.tab')) section.hidden = section.id !== name;
    loaders[name]().then(() => status('')).catch((error) => status(error.message));
  }

  async function open() {
    try {
      await api('/subgraphs');
    } catch (error) {
      $('tabs').hidden = true;
      for (const section of document.querySelectorAll('section.tab')) section.hidden = true;
      return status(error.message);
    }
    $('tabs').hidden = false;
    status('');
    showTab('subgraphs');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
      open();
    });
    for (const button of document.querySelectorAll('nav button')) button.addEventListener('click', () => showTab(button.dataset.tab));
    if (sessionStorage.getItem(TOKEN_KEY)) open();
  });
})();
