import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeRequestDefaults } from '../shared/descriptions';

import { AGENT_CREDENTIAL, SUPPORT_CREDENTIAL } from './api';
import { dispatchFields, dispatchOperations } from './resources/dispatch';
import { accountOperations, supportConversationOperations, supportFields, ticketOperations } from './resources/support';

export class Velents implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velents',
		name: 'velents',
		icon: { light: 'file:velents.svg', dark: 'file:velents.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Start outbound WhatsApp and voice conversations with Agent.sa agents and work with Velents Support Center tickets',
		defaults: { name: 'Velents' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: AGENT_CREDENTIAL, required: true, displayOptions: { show: { authentication: [AGENT_CREDENTIAL] } } },
			{ name: SUPPORT_CREDENTIAL, required: true, displayOptions: { show: { authentication: [SUPPORT_CREDENTIAL] } } },
		],
		requestDefaults: declarativeRequestDefaults,
		properties: [
			{
				// n8n picks the credential from a parameter named `authentication`; here it is
				// the API surface, since each surface has its own token.
				displayName: 'API',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent.sa (Outbound Conversations)', value: AGENT_CREDENTIAL },
					{ name: 'Support Center (Tickets)', value: SUPPORT_CREDENTIAL },
				],
				default: AGENT_CREDENTIAL,
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { authentication: [AGENT_CREDENTIAL] } },
				options: [{ name: 'Conversation', value: 'conversation' }],
				default: 'conversation',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { authentication: [SUPPORT_CREDENTIAL] } },
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Conversation', value: 'supportConversation' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'ticket',
			},
			dispatchOperations,
			accountOperations,
			ticketOperations,
			supportConversationOperations,
			...dispatchFields,
			...supportFields,
		],
	};
}
