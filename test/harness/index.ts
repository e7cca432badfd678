// Runs workflows through n8n-core's real execution engine (WorkflowExecute → RoutingNode for
// declarative nodes) against the local simulators: nothing in the request path is mocked.
import { DirectoryLoader, ExecuteContext, ExecutionLifecycleHooks, HookContext, LoadOptionsContext, PollContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeListSearchResult,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { ICredentialsHelper, LoggerProxy, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

// The engine logs every node error; tests assert on errors themselves, so keep output clean.
const quiet = () => {};
LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet } as never);

export const PACKAGE = 'n8n-nodes-agent-platforms';

/** A pass-through start node: the harness seeds it with the test's input items. */
class TestInput implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Passes the seeded items on',
		defaults: { name: 'Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	constructor(nodes: INodeType[]) {
		this.types.set('test.input', new TestInput() as unknown as INodeType);
		for (const node of nodes) {
			// n8n adds the "Request Options" parameters to declarative nodes when it loads them.
			DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
			this.types.set(`${PACKAGE}.${node.description.name}`, node);
			// n8n offers a `usableAsTool` node to AI agents under the type `<name>Tool`.
			if (node.description.usableAsTool) this.types.set(`${PACKAGE}.${node.description.name}Tool`, node);
		}
	}

	getByName(name: string) {
		const type = this.types.get(name);
		if (!type) throw new Error(`unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string) {
		return this.getByName(name);
	}

	getKnownTypes() {
		return {};
	}
}

/** Applies credential types' `authenticate` the way n8n's CredentialsHelper does. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode(type: string, nodeType: string) {
		const supported = this.types.get(type)?.supportedNodes;
		return !supported || supported.some((name) => nodeType.endsWith(`.${name}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types.get(typeName);
		if (!type?.authenticate) return request;
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, request);
		const resolve = (value: unknown) =>
			workflow.expression.getParameterValue(value as string, null, 0, 0, node.name, [], 'internal', { $credentials: credentials });
		const { properties } = type.authenticate;
		const headers = Object.fromEntries(Object.entries(properties.headers ?? {}).map(([k, v]) => [k, resolve(v)]));
		const qs = Object.fromEntries(Object.entries(properties.qs ?? {}).map(([k, v]) => [k, resolve(v)]));
		return { ...request, headers: { ...request.headers, ...headers }, qs: { ...request.qs, ...qs } };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getDecrypted(_data: unknown, _node: unknown, type: string) {
		const found = this.data[type];
		if (!found) throw new Error(`no test credential of type ${type}`);
		return found;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the harness');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return [];
	}
}

export interface RunOptions {
	/** This n8n's base URL as n8n derives it (WEBHOOK_URL / N8N_EDITOR_BASE_URL); default http://127.0.0.1:5678. */
	instanceBaseUrl?: string;
	/** Node type name without the package prefix, e.g. 'convo'. */
	type: string;
	parameters: IDataObject;
	items?: INodeExecutionData[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The credential's id in the workflow (default `cred-<type>`): another id is another credential. */
	credentialId?: string;
	continueOnFail?: boolean;
	/** On Error → Continue (using error output): failed items go to the node's second output. */
	errorOutput?: boolean;
	/** Run the node as an AI-agent tool would (its `…Tool` type). */
	tool?: boolean;
}

export interface RunResult {
	items: INodeExecutionData[];
	/** The error that stopped the node, if any (undefined with Continue On Fail). */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
	task: ITaskData;
}

export class Harness {
	private readonly nodeTypes: NodeTypes;

	private readonly credentialTypes: Map<string, ICredentialType>;

	constructor(nodes: INodeType[], credentials: ICredentialType[]) {
		this.nodeTypes = new NodeTypes(nodes);
		this.credentialTypes = new Map(credentials.map((c) => [c.name, c]));
	}

	/** What n8n hands every node context: credentials, hooks and URLs (no database, no server). */
	private additionalData(
		credentials: Record<string, ICredentialDataDecryptedObject>,
		hooks?: ExecutionLifecycleHooks,
		currentNodeParameters?: IDataObject,
		instanceBaseUrl = 'http://127.0.0.1:5678',
	): IWorkflowExecuteAdditionalData {
		return {
			instanceBaseUrl,
			executionId: 'harness-execution',
			credentialsHelper: new CredentialsHelper(this.credentialTypes, credentials),
			hooks,
			restApiUrl: 'http://localhost/rest',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			variables: {},
			currentNodeParameters,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('code runner is not used');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/**
	 * Runs a searchable picker (`methods.listSearch`) the way the editor does: in n8n-core's
	 * LoadOptionsContext, with the node's current parameters (pickers may read, e.g., the agent).
	 */
	async listSearch(options: {
		type: string;
		method: string;
		parameters?: IDataObject;
		credentials: Record<string, ICredentialDataDecryptedObject>;
		filter?: string;
		paginationToken?: string;
	}): Promise<INodeListSearchResult> {
		const nodeType = this.nodeTypes.getByName(`${PACKAGE}.${options.type}`);
		const search = nodeType.methods?.listSearch?.[options.method];
		if (!search) throw new Error(`${options.type} has no listSearch method ${options.method}`);
		// The editor sends the node's parameters with their defaults filled in.
		const parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, (options.parameters ?? {}) as INode['parameters'], true, false, null, nodeType.description) ?? {};
		const node: INode = {
			id: 'node',
			name: 'Node Under Test',
			type: `${PACKAGE}.${options.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: Object.fromEntries(Object.keys(options.credentials).map((t) => [t, { id: `cred-${t}`, name: t }])),
		};
		const workflow = new Workflow({ id: 'harness', nodes: [node], connections: {}, nodeTypes: this.nodeTypes, active: false, staticData: {} });
		const additionalData = this.additionalData(options.credentials, undefined, parameters);
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.picker');
		return await search.call(context, options.filter, options.paginationToken);
	}

	/**
	 * Runs one poll of a polling trigger as n8n's poller does: in n8n-core's PollContext, with the
	 * workflow static data the caller keeps between polls (n8n keeps it in the database).
	 * `manual` is the editor's Fetch Test Event. Answers the emitted items, or null.
	 */
	async poll(options: {
		type: string;
		parameters: IDataObject;
		credentials: Record<string, ICredentialDataDecryptedObject>;
		staticData: IDataObject;
		manual?: boolean;
	}): Promise<INodeExecutionData[][] | null> {
		const nodeType = this.nodeTypes.getByName(`${PACKAGE}.${options.type}`);
		if (!nodeType.poll) throw new Error(`${options.type} is not a polling trigger`);
		const parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, options.parameters as INode['parameters'], true, false, null, nodeType.description) ?? {};
		const node: INode = {
			id: 'node',
			name: 'Poller Under Test',
			type: `${PACKAGE}.${options.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: Object.fromEntries(Object.keys(options.credentials).map((t) => [t, { id: `cred-${t}`, name: t }])),
		};
		const workflow = new Workflow({ id: 'harness', nodes: [node], connections: {}, nodeTypes: this.nodeTypes, active: true, staticData: options.staticData });
		const context = new PollContext(workflow, node, this.additionalData(options.credentials), options.manual ? 'manual' : 'trigger', options.manual ? 'manual' : 'activate');
		const result = await nodeType.poll.call(context);
		// n8n writes the static data back when a poll emits; the harness keeps it in any case.
		Object.assign(options.staticData, JSON.parse(JSON.stringify(workflow.staticData)));
		return result;
	}

	/**
	 * Runs a trigger's webhook method (`checkExists`, `create` on activation, `delete` on
	 * deactivation) in n8n-core's HookContext, so its requests go through n8n's own request
	 * helpers and the credential's `authenticate`. `staticData` is the node's static data.
	 */
	async hook(options: {
		type: string;
		method: 'checkExists' | 'create' | 'delete';
		parameters?: IDataObject;
		credentials: Record<string, ICredentialDataDecryptedObject>;
		staticData?: IDataObject;
	}): Promise<boolean | undefined> {
		const nodeType = this.nodeTypes.getByName(`${PACKAGE}.${options.type}`);
		const hook = nodeType.webhookMethods?.default?.[options.method];
		if (!hook) throw new Error(`${options.type} has no webhook method ${options.method}`);
		const parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, (options.parameters ?? {}) as INode['parameters'], true, false, null, nodeType.description) ?? {};
		const node: INode = {
			id: 'node',
			name: 'Trigger Under Test',
			type: `${PACKAGE}.${options.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			webhookId: '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e',
			credentials: Object.fromEntries(Object.keys(options.credentials).map((t) => [t, { id: `cred-${t}`, name: t }])),
		};
		const staticData = { [`node:${node.name}`]: options.staticData ?? {} };
		const workflow = new Workflow({ id: 'harness', name: 'harness', nodes: [node], connections: {}, nodeTypes: this.nodeTypes, active: false, staticData });
		const context = new HookContext(workflow, node, this.additionalData(options.credentials), 'trigger', options.method === 'delete' ? 'manual' : 'activate');
		return await hook.call(context);
	}

	/**
	 * A credential's `test` request run the way n8n's credential tester runs it: as the only
	 * property of a throw-away declarative node, through n8n-core's RoutingNode.
	 */
	async credentialTest(type: string, data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const test = this.credentialTypes.get(type)?.test;
		if (!test) throw new Error(`${type} has no test request`);
		const nodeType = {
			description: {
				displayName: 'Credential Test',
				name: 'credentialTest',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: {},
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				credentials: [{ name: type, required: true }],
				properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
			},
		} as unknown as INodeType;
		const node: INode = { id: 'temp', name: 'Temp-Node', type: 'credentialTest', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { [type]: { id: `cred-${type}`, name: type } } };
		const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
		const context = new ExecuteContext(workflow, node, this.additionalData({ [type]: data }), 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
		try {
			await new RoutingNode(context, nodeType, { id: `cred-${type}`, name: type, type, data }).runNode();
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	}

	async run(options: RunOptions): Promise<RunResult> {
		const nodeName = 'Node Under Test';
		const nodes: INode[] = [
			{ id: 'input', name: 'Input', type: 'test.input', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'node',
				name: nodeName,
				type: `${PACKAGE}.${options.type}${options.tool ? 'Tool' : ''}`,
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters as INode['parameters'],
				credentials: Object.fromEntries(Object.keys(options.credentials).map((t) => [t, { id: options.credentialId ?? `cred-${t}`, name: t }])),
				onError: options.errorOutput ? 'continueErrorOutput' : options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
			},
		];
		const workflow = new Workflow({
			id: 'harness',
			nodes,
			connections: { Input: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] } },
			nodeTypes: this.nodeTypes,
			active: false,
			staticData: {},
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', { id: 'harness', name: 'harness', nodes, connections: {} } as never);
		let resolveRun!: (run: IRun) => void;
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
		const additionalData = this.additionalData(options.credentials, hooks, undefined, options.instanceBaseUrl);
		const runExecutionData: IRunExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [
					{ node: nodes[0], data: { main: [options.items ?? [{ json: {} }]] }, source: null },
				],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await finished;
		const task = run.data.resultData.runData[nodeName]?.[0];
		if (!task) throw new Error(`node did not run: ${JSON.stringify(run.data.resultData.error)}`);
		return {
			items: task.data?.main?.[0] ?? [],
			error: (task.error ?? undefined) as RunResult['error'],
			run,
			task,
		};
	}
}
