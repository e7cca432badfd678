import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import type { PollEvent, PollSource } from '../shared/polling';
import { recordTriggerBase, recordTriggerProperties, runPoll, updatedAfterCreation } from '../shared/polling';
import { TIMELY_CREDENTIAL, TIMELY_PAGE_SIZE, timelySpec } from './api';

/** Each event: its list and the sort that puts what is new at the top. */
const EVENTS: Record<string, { name: string; description: string; event: PollEvent }> = {
	contactCreated: { name: 'New Contact', description: 'A contact was created', event: { url: '/v1/contacts', qs: { sort: 'created_at', order: 'desc' }, mode: 'ordered', orderField: 'created_at' } },
	contactUpdated: {
		name: 'Contact Updated',
		description: 'Any field of a contact changed (once per change)',
		event: { url: '/v1/contacts', qs: { sort: 'updated_at', order: 'desc' }, mode: 'ordered', orderField: 'updated_at', match: updatedAfterCreation },
	},
	leadCreated: { name: 'New Lead', description: 'A lead was created', event: { url: '/v1/leads', qs: { sort: 'created_at', order: 'desc' }, mode: 'ordered', orderField: 'created_at' } },
	leadStatusChanged: { name: 'Lead Status Changed', description: 'A lead moved to another status', event: { url: '/v1/leads', qs: { sort: 'updated_at', order: 'desc' }, mode: 'ordered', orderField: 'updated_at', changeField: 'status' } },
	opportunityCreated: { name: 'New Opportunity', description: 'An opportunity was created', event: { url: '/v1/opportunities', qs: { sort: 'created_at', order: 'desc' }, mode: 'ordered', orderField: 'created_at' } },
	opportunityStageChanged: { name: 'Opportunity Stage Changed', description: 'An opportunity moved to another pipeline stage', event: { url: '/v1/opportunities', qs: { sort: 'updated_at', order: 'desc' }, mode: 'ordered', orderField: 'updated_at', changeField: 'stage' } },
	conversationCreated: { name: 'New Conversation', description: 'A conversation started', event: { url: '/v1/conversations', qs: { sort: 'created_at', order: 'desc' }, mode: 'ordered', orderField: 'created_at' } },
};

export class TimelyAiRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		...recordTriggerBase,
		subtitle: '={{$parameter["event"]}}',
		displayName: 'Timely AI Record Trigger',
		name: 'timelyAiRecordTrigger',
		icon: { light: 'file:timelyai.svg', dark: 'file:timelyai.dark.svg' },
		description: 'Polls Timely AI for new and changed records: contacts, leads, opportunities, conversations',
		defaults: { name: 'Timely AI Record Trigger' },
		credentials: [{ name: TIMELY_CREDENTIAL, required: true }],
		properties: recordTriggerProperties([
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: Object.entries(EVENTS).map(([value, e]) => ({ name: e.name, value, description: e.description })),
				default: 'leadCreated',
			},
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const name = this.getNodeParameter('event') as string;
		const { event } = EVENTS[name] ?? EVENTS.leadCreated;
		const credentials = await this.getCredentials(TIMELY_CREDENTIAL);
		const source: PollSource = {
			spec: timelySpec,
			credentialType: TIMELY_CREDENTIAL,
			baseUrl: String(credentials.baseUrl).replace(/\/+$/, ''),
			paging: { type: 'page', pageParam: 'page', sizeParam: 'limit', pageSize: TIMELY_PAGE_SIZE, total: (body) => totalOf((body as IDataObject)?.pagination) },
		};
		return await runPoll.call(this, source, event, name);
	}
}

function totalOf(pagination: unknown): number | undefined {
	const total = Number((pagination as IDataObject | undefined)?.total);
	return Number.isFinite(total) ? total : undefined;
}
