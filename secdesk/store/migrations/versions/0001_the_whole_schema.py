"""The whole schema of SPEC.md, with the data every store starts with: the eleven helpdesk
categories in report order, the allocation lock, and each spreadsheet's classification.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 17:42:39.216866
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from datetime import UTC, datetime


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_name', sa.String(length=120), nullable=False),
    sa.Column('action', sa.Enum('create', 'update', 'delete', name='action', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('owner_table', sa.String(length=60), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    op.create_index(op.f('ix_audit_entry_at'), 'audit_entry', ['at'], unique=False)
    op.create_index('ix_audit_entry_owner_table_owner_id', 'audit_entry', ['owner_table', 'owner_id'], unique=False)
    op.create_index('ix_audit_entry_table_name_record_id', 'audit_entry', ['table_name', 'record_id'], unique=False)
    op.create_index(op.f('ix_audit_entry_user_name'), 'audit_entry', ['user_name'], unique=False)
    op.create_table('enquiry_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_category')),
    sa.UniqueConstraint('name', name=op.f('uq_enquiry_category_name')),
    sa.UniqueConstraint('position', name=op.f('uq_enquiry_category_position'))
    )
    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.String(length=120), nullable=False),
    sa.Column('folder', sa.Text(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication'))
    )
    op.create_index(op.f('ix_publication_published_at'), 'publication', ['published_at'], unique=False)
    op.create_table('spreadsheet_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spreadsheet', sa.String(length=60), nullable=False),
    sa.Column('classification', sa.Enum('WHITE', 'GREEN', name='classification', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spreadsheet_setting')),
    sa.UniqueConstraint('spreadsheet', name=op.f('uq_spreadsheet_setting_spreadsheet'))
    )
    op.create_table('store_lock',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('taken', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_store_lock'))
    )
    op.create_table('voting_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_group')),
    sa.UniqueConstraint('name', name=op.f('uq_voting_group_name'))
    )
    op.create_table('party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('company_number', sa.String(length=8), nullable=True),
    sa.Column('category', sa.Enum('Large Supplier', 'Small Supplier', 'Electricity Network', 'Gas Network', 'Other SEC Party', name='category', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('voting_group_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('Applicant', 'Party', 'In Default', 'Withdrawn', 'Expelled', name='status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status_since', sa.Date(), nullable=True),
    sa.Column('accession_date', sa.Date(), nullable=True),
    sa.Column('vat_number', sa.String(length=12), nullable=True),
    sa.Column('registered_address', sa.Text(), nullable=True),
    sa.Column('registered_postcode', sa.String(length=8), nullable=True),
    sa.Column('invoice_address', sa.Text(), nullable=True),
    sa.Column('invoice_postcode', sa.String(length=8), nullable=True),
    sa.Column('invoice_email', sa.String(length=254), nullable=True),
    sa.Column('notices_address', sa.Text(), nullable=True),
    sa.Column('notices_postcode', sa.String(length=8), nullable=True),
    sa.Column('notices_email', sa.String(length=254), nullable=True),
    sa.Column('last_updated', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['voting_group_id'], ['voting_group.id'], name=op.f('fk_party_voting_group_id_voting_group'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party')),
    sa.UniqueConstraint('company_number', name=op.f('uq_party_company_number')),
    sa.UniqueConstraint('vat_number', name=op.f('uq_party_vat_number'))
    )
    op.create_index(op.f('ix_party_name'), 'party', ['name'], unique=False)
    op.create_index(op.f('ix_party_voting_group_id'), 'party', ['voting_group_id'], unique=False)
    op.create_table('publication_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=False),
    sa.Column('spreadsheet', sa.String(length=60), nullable=False),
    sa.Column('file_name', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('classification', sa.Enum('WHITE', 'GREEN', name='classification', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['publication_id'], ['publication.id'], name=op.f('fk_publication_file_publication_id_publication'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_file')),
    sa.UniqueConstraint('publication_id', 'spreadsheet', name=op.f('uq_publication_file_publication_id_spreadsheet'))
    )
    op.create_index(op.f('ix_publication_file_publication_id'), 'publication_file', ['publication_id'], unique=False)
    op.create_table('affiliate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('affiliate_party_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['affiliate_party_id'], ['party.id'], name=op.f('fk_affiliate_affiliate_party_id_party'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_affiliate_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliate')),
    sa.UniqueConstraint('party_id', 'name', name=op.f('uq_affiliate_party_id_name'))
    )
    op.create_index(op.f('ix_affiliate_party_id'), 'affiliate', ['party_id'], unique=False)
    op.create_table('change_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('requester_name', sa.String(length=120), nullable=False),
    sa.Column('requester_email', sa.String(length=254), nullable=False),
    sa.Column('notify_dcc', sa.Boolean(), nullable=False),
    sa.Column('notify_alt_han', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('Open', 'Actioned', 'Rejected', name='status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=120), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_change_request_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request'))
    )
    op.create_index(op.f('ix_change_request_party_id'), 'change_request', ['party_id'], unique=False)
    op.create_index(op.f('ix_change_request_status'), 'change_request', ['status'], unique=False)
    op.create_table('energy_licence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('licence_type', sa.Enum('Electricity Supply', 'Electricity Distribution', 'Gas Supply', 'Gas Shipper', 'Gas Transporter', 'Smart Meter Communication', name='licence_type', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_energy_licence_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_energy_licence')),
    sa.UniqueConstraint('licence_type', 'reference', name=op.f('uq_energy_licence_licence_type_reference'))
    )
    op.create_index(op.f('ix_energy_licence_party_id'), 'energy_licence', ['party_id'], unique=False)
    op.create_table('enquiry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.Enum('Email', 'Telephone', 'Other', name='channel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('enquirer_name', sa.String(length=120), nullable=True),
    sa.Column('enquirer_email', sa.String(length=254), nullable=True),
    sa.Column('enquirer_phone', sa.String(length=20), nullable=True),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('Open', 'Waiting on Party', 'Resolved', name='status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('assigned_to', sa.String(length=120), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['enquiry_category.id'], name=op.f('fk_enquiry_category_id_enquiry_category')),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_enquiry_party_id_party'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry'))
    )
    op.create_index(op.f('ix_enquiry_assigned_to'), 'enquiry', ['assigned_to'], unique=False)
    op.create_index('ix_enquiry_category_id_received_at', 'enquiry', ['category_id', 'received_at'], unique=False)
    op.create_index(op.f('ix_enquiry_party_id'), 'enquiry', ['party_id'], unique=False)
    op.create_index('ix_enquiry_received_at_id', 'enquiry', ['received_at', 'id'], unique=False)
    op.create_index(op.f('ix_enquiry_status'), 'enquiry', ['status'], unique=False)
    op.create_table('gas_identifier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.CheckConstraint('length(code) = 3', name=op.f('ck_gas_identifier_code_length')),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_gas_identifier_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gas_identifier')),
    sa.UniqueConstraint('code', name=op.f('uq_gas_identifier_code'))
    )
    op.create_index(op.f('ix_gas_identifier_party_id'), 'gas_identifier', ['party_id'], unique=False)
    op.create_table('membership_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('Accession', 'Event of Default', 'Default Cured', 'Withdrawal', 'Expulsion', name='event_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_membership_event_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_event'))
    )
    op.create_index(op.f('ix_membership_event_occurred_on'), 'membership_event', ['occurred_on'], unique=False)
    op.create_index(op.f('ix_membership_event_party_id'), 'membership_event', ['party_id'], unique=False)
    op.create_table('mpid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.CheckConstraint('length(code) = 4', name=op.f('ck_mpid_code_length')),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_mpid_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mpid')),
    sa.UniqueConstraint('code', name=op.f('uq_mpid_code'))
    )
    op.create_index(op.f('ix_mpid_party_id'), 'mpid', ['party_id'], unique=False)
    op.create_table('operations_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('job_title', sa.String(length=120), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('office_phone', sa.String(length=20), nullable=True),
    sa.Column('out_of_hours_phone', sa.String(length=20), nullable=True),
    sa.Column('priority', sa.Enum('Main', 'Alternative', 'Escalation', name='priority', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('is_24x7', sa.Boolean(), nullable=False),
    sa.Column('last_confirmed', sa.Date(), nullable=True),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_operations_contact_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operations_contact'))
    )
    op.create_index(op.f('ix_operations_contact_party_id'), 'operations_contact', ['party_id'], unique=False)
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('Party', 'DCC', 'RDP', name='kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=160), nullable=True),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'Party' AND party_id IS NOT NULL AND name IS NULL) OR (kind <> 'Party' AND party_id IS NULL AND name IS NOT NULL)", name=op.f('ck_organisation_party_or_named')),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_organisation_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('party_id', name=op.f('uq_organisation_party_id'))
    )
    op.create_table('party_dcc_role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('IS', 'ES', 'GS', 'RSA', 'ED', 'GT', 'OU', name='dcc_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('uep_completed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_party_dcc_role_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_dcc_role')),
    sa.UniqueConstraint('party_id', 'role', name=op.f('uq_party_dcc_role_party_id_role'))
    )
    op.create_index(op.f('ix_party_dcc_role_party_id'), 'party_dcc_role', ['party_id'], unique=False)
    op.create_table('party_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_party_name_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_name'))
    )
    op.create_index(op.f('ix_party_name_party_id'), 'party_name', ['party_id'], unique=False)
    op.create_table('change_request_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('requested_value', sa.Text(), nullable=True),
    sa.Column('validation_error', sa.Text(), nullable=True),
    sa.Column('decision', sa.Enum('Pending', 'Approved', 'Rejected', name='decision', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['change_request.id'], name=op.f('fk_change_request_item_request_id_change_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request_item')),
    sa.UniqueConstraint('request_id', 'field', name=op.f('uq_change_request_item_request_id_field'))
    )
    op.create_index(op.f('ix_change_request_item_request_id'), 'change_request_item', ['request_id'], unique=False)
    op.create_table('id_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('organisation_number', sa.Integer(), nullable=False),
    sa.Column('range_start', sa.String(length=16).with_variant(sa.String(length=16, collation='C'), 'postgresql'), nullable=False),
    sa.Column('range_end', sa.String(length=16).with_variant(sa.String(length=16, collation='C'), 'postgresql'), nullable=False),
    sa.Column('signifier', sa.String(length=8), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(range_start) = 16 AND length(range_end) = 16', name=op.f('ck_id_allocation_range_width')),
    sa.CheckConstraint('organisation_number > 0', name=op.f('ck_id_allocation_organisation_number_positive')),
    sa.CheckConstraint('range_start <= range_end', name=op.f('ck_id_allocation_range_ordered')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_id_allocation_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_id_allocation')),
    sa.UniqueConstraint('organisation_number', name=op.f('uq_id_allocation_organisation_number')),
    sa.UniqueConstraint('signifier', name=op.f('uq_id_allocation_signifier'))
    )
    op.create_index(op.f('ix_id_allocation_organisation_id'), 'id_allocation', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_id_allocation_range_start'), 'id_allocation', ['range_start'], unique=False)
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.Enum('DCC', 'Alt HAN Co', name='recipient', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('produced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_by', sa.String(length=120), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['change_request.id'], name=op.f('fk_notification_request_id_change_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('request_id', 'recipient', name=op.f('uq_notification_request_id_recipient'))
    )
    op.create_index(op.f('ix_notification_request_id'), 'notification', ['request_id'], unique=False)

    _seed()


CATEGORIES = (
    "Applications",
    "Sub-Committees",
    "Consultation Correspondence",
    "Contact Info",
    "General Queries",
    "Panel & Board Correspondence",
    "Modifications",
    "User CIO Assessments",
    "Party/RDP Signifiers",
    "Training Days/Seminars",
    "Other",
)
SPREADSHEETS = (
    ("SEC Parties List", "WHITE"),
    ("SEC Party Details List", "GREEN"),
    ("Operations Contact List", "GREEN"),
    ("ID Allocation", "GREEN"),
)


def _seed() -> None:
    now = datetime.now(UTC)
    stamps = {"version": 1, "created_at": now, "updated_at": now}
    category = sa.table(
        "enquiry_category",
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        category,
        [{"name": name, "position": i} | stamps for i, name in enumerate(CATEGORIES, 1)],
    )
    setting = sa.table(
        "spreadsheet_setting",
        sa.column("spreadsheet", sa.String),
        sa.column("classification", sa.String),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        setting, [{"spreadsheet": n, "classification": c} | stamps for n, c in SPREADSHEETS]
    )
    lock = sa.table("store_lock", sa.column("name", sa.String), sa.column("taken", sa.Integer))
    op.bulk_insert(lock, [{"name": "id-allocation", "taken": 0}])

def downgrade() -> None:
    op.drop_index(op.f('ix_notification_request_id'), table_name='notification')
    op.drop_table('notification')
    op.drop_index(op.f('ix_id_allocation_range_start'), table_name='id_allocation')
    op.drop_index(op.f('ix_id_allocation_organisation_id'), table_name='id_allocation')
    op.drop_table('id_allocation')
    op.drop_index(op.f('ix_change_request_item_request_id'), table_name='change_request_item')
    op.drop_table('change_request_item')
    op.drop_index(op.f('ix_party_name_party_id'), table_name='party_name')
    op.drop_table('party_name')
    op.drop_index(op.f('ix_party_dcc_role_party_id'), table_name='party_dcc_role')
    op.drop_table('party_dcc_role')
    op.drop_table('organisation')
    op.drop_index(op.f('ix_operations_contact_party_id'), table_name='operations_contact')
    op.drop_table('operations_contact')
    op.drop_index(op.f('ix_mpid_party_id'), table_name='mpid')
    op.drop_table('mpid')
    op.drop_index(op.f('ix_membership_event_party_id'), table_name='membership_event')
    op.drop_index(op.f('ix_membership_event_occurred_on'), table_name='membership_event')
    op.drop_table('membership_event')
    op.drop_index(op.f('ix_gas_identifier_party_id'), table_name='gas_identifier')
    op.drop_table('gas_identifier')
    op.drop_index(op.f('ix_enquiry_status'), table_name='enquiry')
    op.drop_index('ix_enquiry_received_at_id', table_name='enquiry')
    op.drop_index(op.f('ix_enquiry_party_id'), table_name='enquiry')
    op.drop_index('ix_enquiry_category_id_received_at', table_name='enquiry')
    op.drop_index(op.f('ix_enquiry_assigned_to'), table_name='enquiry')
    op.drop_table('enquiry')
    op.drop_index(op.f('ix_energy_licence_party_id'), table_name='energy_licence')
    op.drop_table('energy_licence')
    op.drop_index(op.f('ix_change_request_status'), table_name='change_request')
    op.drop_index(op.f('ix_change_request_party_id'), table_name='change_request')
    op.drop_table('change_request')
    op.drop_index(op.f('ix_affiliate_party_id'), table_name='affiliate')
    op.drop_table('affiliate')
    op.drop_index(op.f('ix_publication_file_publication_id'), table_name='publication_file')
    op.drop_table('publication_file')
    op.drop_index(op.f('ix_party_voting_group_id'), table_name='party')
    op.drop_index(op.f('ix_party_name'), table_name='party')
    op.drop_table('party')
    op.drop_table('voting_group')
    op.drop_table('store_lock')
    op.drop_table('spreadsheet_setting')
    op.drop_index(op.f('ix_publication_published_at'), table_name='publication')
    op.drop_table('publication')
    op.drop_table('enquiry_category')
    op.drop_index(op.f('ix_audit_entry_user_name'), table_name='audit_entry')
    op.drop_index('ix_audit_entry_table_name_record_id', table_name='audit_entry')
    op.drop_index('ix_audit_entry_owner_table_owner_id', table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_at'), table_name='audit_entry')
    op.drop_table('audit_entry')
