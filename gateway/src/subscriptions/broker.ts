import {
  GraphQLError, Kind, astFromValue, getArgumentValues, getOperationAST, print, type DocumentNode, type ExecutionResult, type FieldNode,
  type FragmentDefinitionNode, type GraphQLField, type SelectionSetNode,
} from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Identity } from '@kepuri/platform';
import type { RootFieldPlan, SubscriptionCatalog } from './catalog';
import { PushQueue } from './queue';
import { LookupBatch, type GatewayExecutor } from './lookups';
import { EventResolver, type SubscriptionShape } from './resolve';
import type { UpstreamClients } from './upstream';

export interface BrokerOptions {
  /** The catalog of the supergraph in force (it changes when the supergraph does). */
  catalog(): SubscriptionCatalog | null;
  upstream: UpstreamClients;
  executor: GatewayExecutor;
  /** Messages a subscriber's iterator (errors, ends; results go straight to the socket) may hold before it is cut off. */
  queueLimit: number;
  metrics?: Registry;
  log?: (message: string) => void;
}

/** What the WebSocket server asks of each subscriber as events arrive. */
export interface SubscriberHooks {
  /** Called before each delivery; false stops the subscription (the caller closes the socket). */
  accept(): boolean;
  /**
   * Sends one result, given as its JSON (serialized once for every subscriber of the group);
   * false when the subscriber cannot keep up (the caller closes its socket).
   */
  send(resultJson: string): boolean;
  /** The subscriber fell `queueLimit` results behind on the iterator path (errors, ends). */
  overflow(): void;
}

interface Subscriber {
  queue: PushQueue<ExecutionResult>;
  hooks: SubscriberHooks;
}

/**
 * Subscribers with the same document, variables and identity: one resolution per event for all of
 * them, serialized once. Results go straight to each subscriber's socket (`hooks.send`); the
 * subscriber's iterator only carries what ends a subscription (upstream errors, the end itself).
 */
interface Group {
  resolver: EventResolver;
  subscribers: Set<Subscriber>;
}

/** One root field with one set of arguments: one upstream subscription per source subgraph. */
interface Topic {
  key: string;
  plan: RootFieldPlan;
  groups: Map<string, Group>;
  unsubscribe: Array<() => void>;
  throttle: Map<string, { last: number; timer: NodeJS.Timeout | null; pending: Record<string, unknown> | null }>;
  /** Results are delivered in event order, whatever order their resolutions finish in. */
  tail: Promise<void>;
}

const stable = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) =>
  item && typeof item === 'object' && !Array.isArray(item)
    ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : item);


const identityKey = (identity: Identity): string => stable([identity.role, identity.sub ?? null, identity.org ?? null, identity.subgraph ?? null]);

/**
 * The gateway's subscriptions. Cost is per event and distinct subscription, not per subscriber:
 * subscribers of one root field with the same arguments share a topic, which holds one upstream
 * subscription per source subgraph; subscribers of a topic with the same document, variables and
 * identity share a group, whose result is resolved once per event and fanned out to all of them.
 */
export class SubscriptionBroker {
  private readonly topics = new Map<string, Topic>();
  /** Documents' canonical text: documents are shared through the WebSocket server's document cache, so each is printed once. */
  private readonly printedDocuments = new WeakMap<DocumentNode, string>();
  /** Numbers the groups, whose lookups share one query per event and identity (`g12_…`). */
  private groupCount = 0;
  private readonly events: Counter;
  private readonly deliveries: Counter;
  private readonly resolutions: Counter;
  private readonly resolutionSeconds: Histogram;

  constructor(private readonly options: BrokerOptions) {
    const registers = options.metrics ? [options.metrics] : [];
    const topics = this.topics;
    new Gauge({
      name: 'hub_subscription_subscribers', help: 'Active subscriptions at the gateway.', registers,
      collect() {
        this.set([...topics.values()].reduce((sum, topic) => sum + [...topic.groups.values()].reduce((n, group) => n + group.subscribers.size, 0), 0));
      },
    });
    new Gauge({
      name: 'hub_subscription_groups', help: 'Distinct subscriptions (document, variables, identity) resolved once per event.', registers,
      collect() {
        this.set([...topics.values()].reduce((sum, topic) => sum + topic.groups.size, 0));
      },
    });
    new Gauge({
      name: 'hub_subscription_upstreams', help: 'Upstream subscriptions to subgraphs.', registers,
      collect() {
        this.set([...topics.values()].reduce((sum, topic) => sum + topic.unsubscribe.length, 0));
      },
    });
    this.events = new Counter({ name: 'hub_subscription_events_total', help: 'Events received from subgraphs.', registers });
    this.resolutions = new Counter({ name: 'hub_subscription_resolutions_total', help: 'Event resolutions (one per event and group).', registers });
    this.deliveries = new Counter({ name: 'hub_subscription_deliveries_total', help: 'Results handed to subscribers.', registers });
    this.resolutionSeconds = new Histogram({
      name: 'hub_subscription_resolution_seconds', help: 'Time to resolve one event for one group through the gateway.', registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    });
  }

  /** Counts for tests and the benchmark. */
  stats() {
    let groups = 0;
    let subscribers = 0;
    let upstreams = 0;
    for (const topic of this.topics.values()) {
      groups += topic.groups.size;
      upstreams += topic.unsubscribe.length;
      for (const group of topic.groups.values()) subscribers += group.subscribers.size;
    }
    return { topics: this.topics.size, groups, subscribers, upstreams };
  }

  /**
   * Subscribes a validated subscription operation: an iterator of results, or a result with
   * errors when it cannot be served (unknown field, arguments that do not coerce).
   */
  private printed(document: DocumentNode): string {
    let text = this.printedDocuments.get(document);
    if (text === undefined) {
      text = print(document);
      this.printedDocuments.set(document, text);
    }
    return text;
  }

  subscribe(shape: SubscriptionShape, hooks: SubscriberHooks): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const catalog = this.options.catalog();
    const operation = getOperationAST(shape.document, shape.operationName);
    const subscriptionType = shape.schema.getSubscriptionType();
    if (!catalog || !operation || !subscriptionType) return failure('The gateway has no subscription schema loaded', 'INTERNAL_SERVER_ERROR');
    const fieldNode = rootField(operation.selectionSet, shape.document);
    const definition = fieldNode && subscriptionType.getFields()[fieldNode.name.value];
    const plan = fieldNode && catalog.rootFields.get(fieldNode.name.value);
    if (!fieldNode || !definition || !plan) return failure('No subgraph serves this subscription field', 'GRAPHQL_VALIDATION_FAILED');
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition as GraphQLField<unknown, unknown>, fieldNode, shape.variables);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error), { extensions: { code: 'BAD_USER_INPUT' } })] };
    }

    const topicKey = `${plan.field}${stable(args)}`;
    let topic = this.topics.get(topicKey);
    if (!topic) {
      topic = { key: topicKey, plan, groups: new Map(), unsubscribe: [], throttle: new Map(), tail: Promise.resolve() };
      this.topics.set(topicKey, topic);
      this.open(topic, definition as GraphQLField<unknown, unknown>, args);
    }
    const groupKey = `${this.printed(shape.document)}|${shape.operationName ?? ''}|${stable(shape.variables)}|${identityKey(shape.identity)}`;
    let group = topic.groups.get(groupKey);
    if (!group) {
      group = { resolver: new EventResolver(shape, catalog, identityKey(shape.identity), `g${(this.groupCount += 1)}`), subscribers: new Set() };
      topic.groups.set(groupKey, group);
    }
    const joined = group;
    const owner = topic;
    const subscriber: Subscriber = {
      hooks,
      queue: new PushQueue<ExecutionResult>(this.options.queueLimit, () => hooks.overflow(), () => this.leave(owner, groupKey, joined, subscriber)),
    };
    group.subscribers.add(subscriber);
    return subscriber.queue;
  }

  /** Opens the topic's upstream subscriptions: the owner's field and any fan-in fields, each with the same arguments. */
  private open(topic: Topic, definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>): void {
    const literal = definition.args
      .filter((arg) => args[arg.name] !== undefined)
      .map((arg) => {
        const ast = astFromValue(args[arg.name], arg.type);
        return ast ? `${arg.name}: ${print(ast)}` : null;
      })
      .filter((part): part is string => part !== null);
    const argumentText = literal.length > 0 ? `(${literal.join(', ')})` : '';
    for (const source of topic.plan.sources) {
      const query = `subscription HubUpstream { ${source.field}${argumentText} ${source.selection} }`;
      topic.unsubscribe.push(this.options.upstream.subscribe(source.subgraph, query, {
        next: (result) => this.receive(topic, source.field, result),
        refused: (errors) => this.fail(topic, errors),
      }));
    }
  }

  private receive(topic: Topic, sourceField: string, result: ExecutionResult): void {
    if (!this.topics.has(topic.key)) return;
    if (!result.data && result.errors?.length) {
      this.fail(topic, result.errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions })));
      return;
    }
    const value = (result.data as Record<string, unknown> | null | undefined)?.[sourceField];
    if (value === null || value === undefined) return;
    this.events.inc();
    const rootValue = { [topic.plan.field]: value };
    if (topic.plan.throttleMs > 0) this.throttled(topic, stable(value), rootValue);
    else this.deliver(topic, rootValue);
  }

  /**
   * At most one event per entity per interval: the first goes at once, later ones in the
   * interval collapse into one sent when it ends. Events are keys, resolved when delivered, so the
   * collapsed event still shows the latest figures.
   */
  private throttled(topic: Topic, entityKey: string, rootValue: Record<string, unknown>): void {
    const now = Date.now();
    const state = topic.throttle.get(entityKey) ?? { last: 0, timer: null, pending: null };
    topic.throttle.set(entityKey, state);
    if (state.timer) {
      state.pending = rootValue;
      return;
    }
    const wait = state.last + topic.plan.throttleMs - now;
    if (wait <= 0) {
      state.last = now;
      this.deliver(topic, rootValue);
      return;
    }
    state.pending = rootValue;
    state.timer = setTimeout(() => {
      state.timer = null;
      const pending = state.pending;
      state.pending = null;
      state.last = Date.now();
      if (pending && this.topics.has(topic.key)) this.deliver(topic, pending);
    }, wait);
    state.timer.unref();
  }

  /**
   * Resolves one event for every group of the topic (their lookups batched), then fans all results
   * out in one synchronous pass: a socket holding several of the topic's subscriptions gets them
   * in one write. Events of a topic are delivered in the order they arrived.
   */
  private deliver(topic: Topic, rootValue: Record<string, unknown>): void {
    const batch = new LookupBatch(this.options.executor);
    const resolutions = [...topic.groups.values()].map((group) => {
      const stop = this.resolutionSeconds.startTimer();
      this.resolutions.inc();
      const result = group.resolver.resolve(rootValue, batch).catch((error: unknown): ExecutionResult => ({
        errors: [new GraphQLError('The event could not be resolved', { originalError: error as Error, extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } })],
      })).finally(() => stop());
      return { group, result };
    });
    const all = Promise.all(resolutions.map(({ result }) => result));
    topic.tail = topic.tail.then(() => all).then((results) => {
      results.forEach((result, index) => {
        if (!result) return;
        const { group } = resolutions[index];
        // One serialization per group and event, then one frame per subscriber.
        const json = JSON.stringify(result);
        for (const subscriber of group.subscribers) {
          if (!subscriber.hooks.accept() || !subscriber.hooks.send(json)) {
            subscriber.queue.return();
            continue;
          }
          this.deliveries.inc();
        }
      });
    });
  }

  /** The subgraph refused the upstream operation: every subscriber of the topic gets the errors and an end. */
  private fail(topic: Topic, errors: readonly GraphQLError[]): void {
    this.options.log?.(`upstream refused ${topic.key}: ${errors.map((error) => error.message).join('; ')}`);
    this.close(topic);
    for (const group of topic.groups.values()) {
      for (const subscriber of [...group.subscribers]) {
        subscriber.queue.push({ errors: [...errors] });
        subscriber.queue.end();
      }
    }
  }

  private leave(topic: Topic, groupKey: string, group: Group, subscriber: Subscriber): void {
    group.subscribers.delete(subscriber);
    if (group.subscribers.size > 0) return;
    topic.groups.delete(groupKey);
    if (topic.groups.size === 0) this.close(topic);
  }

  private close(topic: Topic): void {
    if (this.topics.get(topic.key) !== topic) return;
    this.topics.delete(topic.key);
    for (const unsubscribe of topic.unsubscribe) unsubscribe();
    for (const state of topic.throttle.values()) if (state.timer) clearTimeout(state.timer);
  }

  /** Ends every subscription (shutdown). */
  closeAll(): void {
    for (const topic of [...this.topics.values()]) {
      this.close(topic);
      for (const group of topic.groups.values()) for (const subscriber of [...group.subscribers]) subscriber.queue.end();
    }
  }
}

function failure(message: string, code: string): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

/** The one root field of a subscription operation, through fragments at the root. */
function rootField(selectionSet: SelectionSetNode, document: { definitions: readonly unknown[] }): FieldNode | null {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const found = rootField(selection.selectionSet, document);
      if (found) return found;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = (document.definitions as FragmentDefinitionNode[])
        .find((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value);
      const found = fragment && rootField(fragment.selectionSet, document);
      if (found) return found;
    }
  }
  return null;
}
