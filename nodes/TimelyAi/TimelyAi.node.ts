import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeRequestDefaults } from '../shared/descriptions';

import { TIMELY_CREDENTIAL } from './api';
import {
	searchAgents,
	searchChannels,
	searchContacts,
	searchConversations,
	searchCustomFields,
	searchIdleActions,
	searchIntentions,
	searchLeads,
	searchMcpServers,
	searchMcpTools,
	searchMessages,
	searchOpportunities,
	searchTrainings,
	searchTransferRules,
} from './listSearch';
import { agent, training } from './resources/agent';
import { idleAction, intention, mcp, transferRule } from './resources/agentRules';
import { channel, customField } from './resources/channel';
import { chat, conversation, interaction } from './resources/conversation';
import { contact, lead, opportunity, pipeline } from './resources/crm';
import { system } from './resources/system';

/** Every resource, in the order of the resource list; each brings its operations and fields. */
const resources = { agent, channel, chat, contact, conversation, customField, idleAction, intention, interaction, lead, mcp, opportunity, pipeline, system, training, transferRule };

export class TimelyAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Timely AI',
		name: 'timelyAi',
		icon: { light: 'file:timelyai.svg', dark: 'file:timelyai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with the Timely AI CRM and agents: contacts, leads, pipeline, conversations with human handoff, agents, channels and more',
		defaults: { name: 'Timely AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TIMELY_CREDENTIAL, required: true }],
		requestDefaults: declarativeRequestDefaults,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Channel', value: 'channel' },
					{ name: 'Chat', value: 'chat' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Custom Field', value: 'customField' },
					{ name: 'Idle Action', value: 'idleAction' },
					{ name: 'Intention', value: 'intention' },
					{ name: 'Interaction', value: 'interaction' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'MCP Server', value: 'mcp' },
					{ name: 'Opportunity', value: 'opportunity' },
					{ name: 'Pipeline', value: 'pipeline' },
					{ name: 'System', value: 'system' },
					{ name: 'Training', value: 'training' },
					{ name: 'Transfer Rule', value: 'transferRule' },
				],
				default: 'contact',
			},
			...Object.values(resources).map((r) => r.operations),
			...Object.values(resources).flatMap((r) => r.fields),
		],
	};

	methods = {
		listSearch: { searchAgents, searchChannels, searchContacts, searchConversations, searchCustomFields, searchIdleActions, searchIntentions, searchLeads, searchMcpServers, searchMcpTools, searchMessages, searchOpportunities, searchTrainings, searchTransferRules },
	};
}
