/*
 * The hub's playground: GraphiQL (docs explorer, headers editor, history) with the example
 * operations of schema/operations, queries and mutations over HTTP, subscriptions over the
 * gateway's WebSocket (graphql-transport-ws). Plain browser JavaScript on the UMD globals that the
 * gateway serves from node_modules (React, ReactDOM, GraphiQL, graphqlWs): no build step, no CDN.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var h = React.createElement;
  var TOKEN_KEY = 'kepuri-playground-token';
  var endpoint = new URL(config.endpoint, window.location.href);
  var socketUrl = new URL(endpoint.href);
  socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

  function headerValue(headers, name) {
    if (!headers) return undefined;
    for (var key in headers) {
      if (Object.prototype.hasOwnProperty.call(headers, key) && key.toLowerCase() === name) return String(headers[key]);
    }
    return undefined;
  }

  // Parsed here: GraphiQL's documentAST lags the editor's text by a debounce.
  function isSubscription(params) {
    try {
      var document = GraphiQL.GraphQL.parse(params.query);
      var operation = GraphiQL.GraphQL.getOperationAST(document, params.operationName || undefined);
      return Boolean(operation) && operation.operation === 'subscription';
    } catch (error) {
      return false; // not parseable: HTTP answers with the parse error
    }
  }

  // One WebSocket per token: the token goes in connection_init, so a new token needs a new socket.
  var socket = null;
  function socketFor(authorization) {
    if (socket && socket.authorization === authorization) return socket.client;
    if (socket) socket.client.dispose();
    var client = graphqlWs.createClient({
      url: socketUrl.href,
      lazy: true,
      retryAttempts: 3,
      connectionParams: authorization ? { authorization: authorization } : {},
    });
    socket = { authorization: authorization, client: client };
    return client;
  }

  var overHttp = GraphiQL.createFetcher({ url: endpoint.href });

  /**
   * A subscription's results; a socket the gateway closed (4401 a bad token, 4429 too many
   * operations, …) ends it with a message that says so rather than an opaque CloseEvent.
   */
  async function* subscribe(client, payload) {
    try {
      for await (var result of client.iterate(payload)) yield result;
    } catch (error) {
      if (error && typeof error.code === 'number' && 'reason' in error) {
        throw new Error('The WebSocket was closed: ' + error.code + (error.reason ? ' ' + error.reason : ''));
      }
      throw error;
    }
  }

  // The token given at the production gate: sent when the headers editor names no Authorization of its own
  // (GraphiQL's first schema fetch runs before the headers editor exists).
  var gateAuthorization;

  /** Queries and mutations over HTTP with the headers editor's headers; subscriptions over WebSocket. */
  function fetcher(params, options) {
    var headers = Object.assign({}, options && options.headers);
    if (gateAuthorization && headerValue(headers, 'authorization') === undefined) headers.Authorization = gateAuthorization;
    options = Object.assign({}, options, { headers: headers });
    if (isSubscription(params)) {
      var authorization = headerValue(headers, 'authorization');
      return subscribe(socketFor(authorization), {
        query: params.query,
        operationName: params.operationName || undefined,
        variables: params.variables || undefined,
      });
    }
    return overHttp(params, options);
  }

  var KIND_LABEL = { query: '查询 query', mutation: '变更 mutation', subscription: '订阅 subscription' };

  function ExamplesPanel() {
    var editors = GraphiQL.React.useEditorContext({ nonNull: true });
    var load = function (example) {
      if (editors.queryEditor) editors.queryEditor.setValue(example.query);
      if (editors.variableEditor) editors.variableEditor.setValue(example.variables || '');
      // GraphiQL learns the operation's name from the text after a debounce; Run right after a click must not use the old one.
      if (editors.setOperationName) editors.setOperationName(example.name);
    };
    return h(
      'section',
      { className: 'kp-examples', 'aria-label': 'Example operations' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '示例 Examples'),
      h('p', { className: 'kp-hint' }, 'From schema/operations. A click loads one into the current tab; writes need a token in Headers.'),
      config.examples.map(function (example) {
        return h(
          'button',
          { key: example.id, type: 'button', className: 'kp-example', 'data-example': example.id, onClick: function () { load(example); } },
          h('span', { className: 'kp-example-name' }, example.name),
          h('span', { className: 'kp-example-kind kp-kind-' + example.kind }, KIND_LABEL[example.kind]),
          h('span', { className: 'kp-example-description' }, example.description),
        );
      }),
    );
  }

  var examplesPlugin = {
    title: '示例 Examples',
    // A list icon drawn inline (a CJK glyph would need a font the machine may not have).
    icon: function () {
      return h('svg', { className: 'kp-examples-icon', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true },
        h('path', { d: 'M8 6h12M8 12h12M8 18h12', strokeLinecap: 'round' }),
        h('circle', { cx: 4, cy: 6, r: 1.2, fill: 'currentColor' }),
        h('circle', { cx: 4, cy: 12, r: 1.2, fill: 'currentColor' }),
        h('circle', { cx: 4, cy: 18, r: 1.2, fill: 'currentColor' }));
    },
    content: ExamplesPanel,
  };

  // The first example query that needs no variables opens the editor, under the page's own notes.
  var firstQuery = config.examples.filter(function (example) { return example.kind === 'query' && !example.variables; })[0];
  var WELCOME = [
    '# 全国科普日 data hub — GraphQL playground (served by the gateway, works offline)',
    '#',
    '# 示例 Examples (the list icon on the left): the operations of schema/operations, with their variables.',
    '# Docs: the book icon. Every type and field is described (Chinese term and English gloss).',
    '# Tokens: put {"Authorization": "Bearer <token>"} in Headers below; subscriptions send the',
    '#   same header in connection_init.  npm run token -- --role public --sub user-1',
    '',
    firstQuery ? firstQuery.query : '{ __typename }',
  ].join('\n');

  function renderGraphiQL(token) {
    var headers = token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : undefined;
    var props = {
      fetcher: fetcher,
      plugins: [examplesPlugin],
      defaultQuery: WELCOME,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: token ? 'headers' : true,
    };
    if (headers) {
      props.headers = headers;
      props.defaultHeaders = headers;
    }
    gateAuthorization = token ? 'Bearer ' + token : undefined;
    ReactDOM.createRoot(document.getElementById('playground')).render(h(GraphiQL, props));
    openExamplesOnce();
  }

  // GraphiQL's visiblePlugin prop marks a plugin visible but leaves its pane collapsed; a click on the
  // sidebar button opens it like a user would, once the button exists.
  function openExamplesOnce() {
    var tries = 0;
    (function look() {
      var button = document.querySelector('.graphiql-sidebar button[aria-label="Show ' + examplesPlugin.title + '"]');
      if (button) button.click();
      else if ((tries += 1) < 100) window.requestAnimationFrame(look);
    })();
  }

  /** The production gate: the schema is only for developer and admin tokens, so ask for one first. */
  function checkToken(token) {
    return fetch(endpoint.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.errors && result.errors.length) {
          var error = result.errors[0];
          throw new Error((error.extensions && error.extensions.code ? error.extensions.code + ': ' : '') + error.message);
        }
        return token;
      });
  }

  function TokenGate(props) {
    var state = React.useState({ token: '', error: '', busy: false });
    var value = state[0];
    var set = state[1];
    var submit = function (event) {
      event.preventDefault();
      var token = value.token.trim().replace(/^Bearer\s+/i, '');
      set({ token: value.token, error: '', busy: true });
      checkToken(token).then(
        function () { props.onToken(token); },
        function (error) { set({ token: value.token, error: error.message, busy: false }); },
      );
    };
    return h(
      'form',
      { className: 'kp-gate', onSubmit: submit },
      h('h1', null, '全国科普日 data hub — GraphQL playground'),
      h('p', null, 'This hub runs in production: the schema, docs and playground are for developer and admin tokens. ' +
        'Ask the hub\'s operators for one (npm run token -- --role developer).'),
      h('label', { htmlFor: 'kp-token' }, 'Developer or admin token'),
      h('textarea', {
        id: 'kp-token', name: 'token', rows: 4, spellCheck: false, autoComplete: 'off', value: value.token,
        onChange: function (event) { set({ token: event.target.value, error: '', busy: false }); },
      }),
      h('button', { type: 'submit', disabled: value.busy || !value.token.trim() }, value.busy ? 'Checking…' : 'Open the playground'),
      value.error ? h('p', { className: 'kp-error', role: 'alert' }, value.error) : null,
      h('p', { className: 'kp-hint' }, 'The token stays in this browser tab only (sessionStorage).'),
    );
  }

  function start() {
    if (!config.restricted) {
      renderGraphiQL(undefined);
      return;
    }
    var remembered = window.sessionStorage.getItem(TOKEN_KEY);
    var open = function (token) {
      window.sessionStorage.setItem(TOKEN_KEY, token);
      gateRoot.unmount();
      renderGraphiQL(token);
    };
    var container = document.getElementById('playground');
    var gateRoot = ReactDOM.createRoot(container);
    var showGate = function () { gateRoot.render(h(TokenGate, { onToken: open })); };
    if (!remembered) {
      showGate();
      return;
    }
    checkToken(remembered).then(open, function () {
      window.sessionStorage.removeItem(TOKEN_KEY);
      showGate();
    });
  }

  start();
})();
