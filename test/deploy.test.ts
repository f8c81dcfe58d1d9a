import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseGatewayConfig } from '../gateway/src/config';
import { CORE_SUBGRAPHS, subgraphConfig } from '../subgraphs/core-subgraphs';

/**
 * The Kubernetes manifests (deploy/k8s) read as data and held to the code: no cluster runs here, so
 * what can be checked is that each process is deployed the way its code expects to run.
 */
const root = path.resolve(__dirname, '..');
const folder = path.join(root, 'deploy/k8s');

interface Manifest {
  kind: string;
  metadata: { name: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const kustomization = parseAllDocuments(readFileSync(path.join(folder, 'kustomization.yaml'), 'utf8'))[0].toJS() as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(folder, file), 'utf8')).map((document) => document.toJS() as Manifest));
const secret = parseAllDocuments(readFileSync(path.join(folder, 'secret.example.yaml'), 'utf8'))[0].toJS() as Manifest;
const configMap = manifests.find((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.name === 'kepuri-config')!;
const of = (kind: string, name: string) => manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);

/** The environment a container gets: its ConfigMap, then its own values and secret references (resolved from the example secret). */
function containerEnv(container: { envFrom?: Array<{ configMapRef?: { name: string } }>; env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }> }) {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    expect(source.configMapRef?.name).toBe(configMap.metadata.name);
    Object.assign(env, configMap.data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else {
      const reference = variable.valueFrom!.secretKeyRef;
      expect(reference.name).toBe(secret.metadata.name);
      expect(secret.stringData).toHaveProperty(reference.key);
      env[variable.name] = secret.stringData![reference.key];
    }
  }
  return env;
}

const processes = [
  { name: 'gateway', entry: 'dist/gateway/src/index.js', port: 4000 },
  ...CORE_SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, entry: `dist/subgraphs/${subgraph.name}/src/index.js`, port: subgraph.port })),
];

describe('deploy/k8s', () => {
  it('lists files that exist, and a Deployment, a Service and a PodDisruptionBudget for the gateway and every core subgraph', () => {
    for (const file of kustomization.resources) expect(existsSync(path.join(folder, file))).toBe(true);
    for (const { name } of processes) {
      expect({ name, deployment: Boolean(of('Deployment', name)), service: Boolean(of('Service', name)), pdb: Boolean(of('PodDisruptionBudget', name)) })
        .toEqual({ name, deployment: true, service: true, pdb: true });
    }
  });

  it.each(processes)('$name runs the compiled entry point as non-root, with replicas, probes on /health and /ready, and a PDB that keeps one', ({ name, entry, port }) => {
    const deployment = of('Deployment', name)!;
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(15);
    const [container] = pod.containers;
    expect(container.command).toEqual(['node', '-r', './dist/packages/platform/src/telemetry.js', entry]);
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'OTEL_SERVICE_NAME', value: name }]));
    expect(existsSync(path.join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(container.ports[0]).toEqual({ name: 'http', containerPort: port });
    // The gateway serves /metrics on a port of its own (production serves it nowhere else), not published by its Service.
    if (name === 'gateway') {
      const metricsPort = Number(container.env.find((variable: { name: string }) => variable.name === 'METRICS_PORT')?.value);
      expect(container.ports.slice(1)).toEqual([{ name: 'metrics', containerPort: metricsPort }]);
    } else expect(container.ports).toHaveLength(1);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.resources.requests).toHaveProperty('cpu');
    const labels = deployment.spec.selector.matchLabels;
    expect(deployment.spec.template.metadata.labels).toMatchObject(labels);
    expect(of('Service', name)!.spec).toMatchObject({ selector: labels, ports: [{ port, targetPort: 'http' }] });
    expect(of('PodDisruptionBudget', name)!.spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: labels } });
  });

  it('scales the gateway on CPU', () => {
    const hpa = of('HorizontalPodAutoscaler', 'gateway')!;
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });

  it('gives each process a configuration its own parser accepts in production, from the ConfigMap and the Secret', () => {
    const gatewayEnv = containerEnv(of('Deployment', 'gateway')!.spec.template.spec.containers[0]);
    const gateway = parseGatewayConfig(gatewayEnv);
    expect(gateway.env).toBe('production');
    expect(gateway.port).toBe(4000);
    expect(gateway.host).toBe('0.0.0.0');
    expect(gateway.registry?.databaseUrl).toMatch(/@postgres:5432\/kepuri_gateway$/);
    expect(gateway.subgraphUrls).toEqual(Object.fromEntries(CORE_SUBGRAPHS.map((subgraph) => [subgraph.name, `http://${subgraph.name}:${subgraph.port}/graphql`])));
    for (const subgraph of CORE_SUBGRAPHS) {
      const config = subgraphConfig(subgraph.name, containerEnv(of('Deployment', subgraph.name)!.spec.template.spec.containers[0]));
      expect({ name: subgraph.name, env: config.env, port: config.port, seed: config.seed }).toEqual({ name: subgraph.name, env: 'production', port: subgraph.port, seed: false });
      expect(config.databaseUrl).toMatch(new RegExp(`@postgres:5432/kepuri_${subgraph.name}$`));
      expect(config.gatewayUrl).toBe('http://gateway:4000/graphql');
    }
  });

  it('points postgres and redis at external services', () => {
    for (const name of ['postgres', 'redis']) expect(of('Service', name)!.spec.type).toBe('ExternalName');
  });
});
