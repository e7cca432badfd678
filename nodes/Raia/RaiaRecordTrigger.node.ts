import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import type { PollEvent, PollSource } from '../shared/polling';
import { recordTriggerBase, recordTriggerProperties, runPoll } from '../shared/polling';
import { AGENT_KEY, RAIA_PAGE_SIZE, raiaBaseUrl, raiaSpec } from './api';

const NEWEST = { orderBy: 'createdAt', orderDirection: 'DESC' };

const EVENTS: Record<string, { name: string; description: string; event: PollEvent }> = {
	conversationCreated: { name: 'New Conversation', description: "A conversation with the key's agent started (any channel)", event: { url: '/external/conversations', qs: NEWEST, mode: 'ordered', orderField: 'createdAt' } },
	userCreated: { name: 'New User', description: "A conversation user of the key's agent was created", event: { url: '/external/agents/users', qs: NEWEST, mode: 'ordered', orderField: 'createdAt' } },
};

export class RaiaRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		...recordTriggerBase,
		subtitle: '={{$parameter["event"]}}',
		displayName: 'raia Record Trigger',
		name: 'raiaRecordTrigger',
		icon: { light: 'file:raia.svg', dark: 'file:raia.dark.svg' },
		description: 'Polls raia for new conversations and new users of an agent',
		defaults: { name: 'raia Record Trigger' },
		credentials: [{ name: AGENT_KEY, required: true }],
		properties: recordTriggerProperties([
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: Object.entries(EVENTS).map(([value, e]) => ({ name: e.name, value, description: e.description })),
				default: 'conversationCreated',
			},
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const name = this.getNodeParameter('event') as string;
		const { event } = EVENTS[name] ?? EVENTS.conversationCreated;
		const source: PollSource = {
			spec: raiaSpec,
			credentialType: AGENT_KEY,
			baseUrl: raiaBaseUrl(await this.getCredentials(AGENT_KEY)),
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
		return await runPoll.call(this, source, event, name);
	}
}
