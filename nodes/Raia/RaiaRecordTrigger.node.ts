import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollEvent, PollSource } from '../shared/polling';
import { recordTriggerBase, recordTriggerProperties, runPoll } from '../shared/polling';
import { pathSegment } from '../shared/validators';
import { AGENT_KEY, ORGANIZATION_KEY, RAIA_PAGE_SIZE, raiaBaseUrl, raiaSpec } from './api';

const NEWEST = { orderBy: 'createdAt', orderDirection: 'DESC' };

// Which key lists what: the OpenAPI answers GET /external/agents/users (agent key) with the
// agent itself, so users are listed per agent with the organization key (/agents/{id}/users).
const EVENTS: Record<string, { name: string; description: string; key: string; event: PollEvent }> = {
	conversationCreated: { name: 'New Conversation', description: "A conversation with the key's agent started (any channel)", key: AGENT_KEY, event: { url: '/external/conversations', qs: NEWEST, mode: 'ordered', orderField: 'createdAt' } },
	userCreated: { name: 'New User', description: 'A conversation user of the chosen agent was created', key: ORGANIZATION_KEY, event: { url: '/external/agents/{agentId}/users', qs: NEWEST, mode: 'ordered', orderField: 'createdAt' } },
};

/** The Event choice for one kind of key: each key can list only its own records. */
const eventField = (key: string) => ({
	displayName: 'Event',
	name: 'event',
	type: 'options' as const,
	displayOptions: { show: { authentication: [key] } },
	options: Object.entries(EVENTS)
		.filter(([, e]) => e.key === key)
		.map(([value, e]) => ({ name: e.name, value, description: e.description })),
	default: Object.entries(EVENTS).find(([, e]) => e.key === key)![0],
});

export class RaiaRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		...recordTriggerBase,
		subtitle: '={{$parameter["event"]}}',
		displayName: 'raia Record Trigger',
		name: 'raiaRecordTrigger',
		icon: { light: 'file:raia.svg', dark: 'file:raia.dark.svg' },
		description: 'Polls raia for new conversations and new users of an agent',
		defaults: { name: 'raia Record Trigger' },
		credentials: [
			{ name: AGENT_KEY, required: true, displayOptions: { show: { authentication: [AGENT_KEY] } } },
			{ name: ORGANIZATION_KEY, required: true, displayOptions: { show: { authentication: [ORGANIZATION_KEY] } } },
		],
		properties: recordTriggerProperties([
			{
				// n8n picks the credential from a parameter named `authentication`.
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Agent Secret Key', value: AGENT_KEY, description: "New conversations of the key's agent" },
					{ name: 'Organization Secret Key', value: ORGANIZATION_KEY, description: 'New users of an agent of the organization' },
				],
				default: AGENT_KEY,
			},
			eventField(AGENT_KEY),
			eventField(ORGANIZATION_KEY),
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				required: true,
				default: '',
				description: 'The agent whose new users start the workflow',
				displayOptions: { show: { authentication: [ORGANIZATION_KEY] } },
			},
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const key = this.getNodeParameter('authentication', AGENT_KEY) as string;
		const name = this.getNodeParameter('event') as string;
		const chosen = EVENTS[name];
		if (!chosen || chosen.key !== key) throw new NodeOperationError(this.getNode(), `The event "${name}" cannot be listed with this key`);
		let { event } = chosen;
		let scope = name;
		if (event.url.includes('{agentId}')) {
			const agentId = pathSegment(this.getNode(), undefined, 'Agent ID', this.getNodeParameter('agentId', ''));
			event = { ...event, url: event.url.replace('{agentId}', () => agentId) };
			// Another agent is another list: its position starts afresh.
			scope = `${name}:${agentId}`;
		}
		const source: PollSource = {
			spec: raiaSpec,
			credentialType: key,
			baseUrl: raiaBaseUrl(await this.getCredentials(key)),
			paging: {
				type: 'page',
				pageParam: 'page',
				sizeParam: 'pageSize',
				pageSize: RAIA_PAGE_SIZE,
				total: (body) => {
					const total = Number((body as IDataObject)?.totalItems);
					return Number.isFinite(total) ? total : undefined;
				},
			},
		};
		return await runPoll.call(this, source, event, scope);
	}
}
