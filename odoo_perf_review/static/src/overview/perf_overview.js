/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {deserializeDate, formatDate} from "@web/core/l10n/dates";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {useSetupAction} from "@web/search/action_hook";
import {Layout} from "@web/search/layout";
import {formatFloat, formatMonetary} from "@web/views/fields/formatters";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";

const QUICK_START_ACTION = "odoo_perf_review.perf_quick_start_action";
// Bar colours of a rating scale, from its lowest level to its highest.
const LEVEL_COLORS = ["bg-danger", "bg-warning", "bg-info", "bg-primary", "bg-success"];

/**
 * The Performance app's overview: what the user has to do now, their team's
 * progress (managers) and the running cycle (HR). The server computes every
 * figure with the user's rights (perf.overview.get_overview); this component
 * lays them out and opens the records behind each card.
 */
export class PerfOverview extends Component {
    static template = "odoo_perf_review.Overview";
    static components = {Layout};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            data: null,
            cycleId: this.props.state?.cycleId || false,
        });
        useSetupAction({
            getLocalState: () => ({cycleId: this.state.cycleId}),
        });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("perf.overview", "get_overview", [], {
            cycle_id: this.state.cycleId,
        });
    }

    get data() {
        return this.state.data;
    }

    /** HR's row, unless the banner above already says there is no cycle to follow. */
    get showHr() {
        const {hr, empty} = this.data;
        return Boolean(hr) && !empty.no_cycle && Boolean(hr.cycle || !empty.draft_cycle);
    }

    get display() {
        return {controlPanel: {}};
    }

    // ------------------------------------------------------------------
    // Opening records
    // ------------------------------------------------------------------
    openAction(action) {
        if (action) {
            return this.action.doAction(action);
        }
    }

    openItem(item) {
        if (item.action) {
            return this.action.doAction(item.action);
        }
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: item.model,
            res_id: item.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openQuickStart() {
        // The quick start is a dialog: its cycle shows here once it closes.
        return this.action.doAction(QUICK_START_ACTION, {onClose: () => this.load()});
    }

    newCycle() {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("New cycle"),
            res_model: "perf.cycle",
            views: [[false, "form"]],
            target: "current",
        });
    }

    async selectCycle(cycleId) {
        this.state.cycleId = cycleId;
        await this.load();
    }

    // ------------------------------------------------------------------
    // Formatting
    // ------------------------------------------------------------------
    formatDate(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    formatMoney(value) {
        return formatMonetary(value, {currencyId: this.data.currency_id, digits: [16, 0]});
    }

    formatNumber(value, digits = 1) {
        return formatFloat(value, {digits: [16, digits]});
    }

    percent(part, total) {
        return total ? Math.min(100, Math.round((part / total) * 100)) : 0;
    }

    daysLeftLabel(cycle) {
        const days = cycle.days_left;
        if (days === false) {
            return "";
        }
        if (days > 1) {
            return _t("%(days)s days left", {days});
        }
        if (days === 1) {
            return _t("1 day left");
        }
        if (days === 0) {
            return _t("Due today");
        }
        if (days === -1) {
            return _t("1 day overdue");
        }
        return _t("%(days)s days overdue", {days: -days});
    }

    // ------------------------------------------------------------------
    // Charts: plain HTML bars (Bootstrap progress bars)
    // ------------------------------------------------------------------
    get distribution() {
        const levels = this.data.hr.cycle.distribution;
        const total = levels.reduce((sum, level) => sum + level.count, 0);
        return levels.map((level, index) => ({
            ...level,
            share: this.percent(level.count, total),
            color: this.levelColor(index, levels.length),
        }));
    }

    levelColor(index, count) {
        if (count <= 1) {
            return "bg-primary";
        }
        const position = Math.round((index / (count - 1)) * (LEVEL_COLORS.length - 1));
        return LEVEL_COLORS[position];
    }

    attainmentColor(value) {
        if (value >= 100) {
            return "bg-success";
        }
        if (value >= 70) {
            return "bg-primary";
        }
        if (value >= 40) {
            return "bg-warning";
        }
        return "bg-danger";
    }

    phaseClass(phase, cycle) {
        const keys = cycle.phases.map((p) => p.key);
        const current = keys.indexOf(cycle.state);
        const index = keys.indexOf(phase.key);
        if (index < current) {
            return "o_perf_phase_done";
        }
        return index === current ? "o_perf_phase_current" : "o_perf_phase_todo";
    }
}

registry.category("actions").add("odoo_perf_review.overview", PerfOverview);
