"""Words the monthly page shows that come from params or data, marked for the catalog (R7).

Step names, owner roles, delay reasons, statuses, the default return playbook and theme
actions, SOP task names and the like are values, not code text: a page in another
language translates each one through the catalog when the catalog knows it and shows it
as it is otherwise (a category's own playbook text, a custom owner role). The lists
below put the defaults (``params/defaults.yaml``, ``params/sop.yaml``) into the catalog;
a test holds them to those files, so a new default word cannot go untranslated.
"""

from __future__ import annotations

from ..i18n import N_, NC_

#: Steps of the loop (``review.step_owners``, playbook and SOP steps).
STEPS = [N_("research"), N_("pilot"), N_("stock"), N_("fulfilment"), N_("aftersales"), N_("iteration"),
         N_("review"), N_("listing"), N_("product"), N_("listing & product"), N_("pricing")]

#: Owner roles (``review.step_owners``, ``params/sop.yaml``, the default owner).
OWNERS = [N_("product manager"), N_("supply planner"), N_("logistics coordinator"), N_("CS lead"),
          N_("operations manager")]

#: Canonical dispatch delay reasons (``fulfilment.delay_reason_aliases``), 'unknown' and the reason of an
#: order not shipped yet (``fulfilment.order_dispatch``).
DELAY_REASONS = [N_("no stock"), N_("picking error"), N_("address"), N_("carrier"), N_("unknown"),
                 N_("not shipped yet")]

#: Statuses and actions shown in table cells and verdict words in sentences.
STATUSES = [N_("late"), N_("overdue"), N_("done"), N_("open"), N_("on time"), N_("arrived"), N_("in transit"),
            N_("answered"), N_("no reply"), N_("waiting"), N_("ok"),
            N_("planned"), N_("ship now"), N_("late: ship now (air) or skip"),
            N_("increase"), N_("decrease"), N_("keep"), N_("pass"), N_("iterate"), N_("stop"),
            N_("alert"), N_("watch")]

#: A warehouse's stock status (R3.4): 'low' here is 偏低, not a cost estimate's 'low'.
STOCK_STATUSES = [NC_("stock status", "low"), NC_("stock status", "excess"), NC_("stock status", "ok")]

#: The stocking rules the replay compares (``stock.simulate.POLICIES``): 'service' is the
#: service-level rule here, not the service column of the benchmark.
STOCKING_RULES = [NC_("stocking rule", "seed"), NC_("stocking rule", "service")]

#: Table cells of the fulfilment, after-sales and stock sections: first-leg modes, ticket
#: channels, a warehouse's role in the split, where a return reason comes from, the
#: inbound label checklist (``fulfilment.inbound_label_checklist``), the pilot's total row.
CELL_WORDS = [N_("sea"), N_("air"), N_("rail"), N_("express"), N_("truck"),
              N_("mail"), N_("email"), N_("chat"), N_("web form"), N_("phone"),
              N_("main"), N_("secondary"),
              N_("FBA code"), N_("customer comments"), N_("FBA code + comments"),
              N_("carton_labels_ok"), N_("sku_labels_ok"), N_("TOTAL")]

#: Input kinds of the monthly review (``review.coverage.MONTH_INPUTS``).
INPUT_KINDS = [N_("orders"), N_("inventory"), N_("shipments"), N_("returns"), N_("tickets"), N_("reviews")]

#: Negative-review themes (``iteration.theme_actions``).
THEMES = [N_("colour"), N_("size"), N_("function"), N_("material")]

#: The service benchmark's row of our own offer (``iteration.service_benchmark``).
SERVICE_WORDS = [N_("ours"), N_("local repair"), N_("no local repair")]

#: Business weekdays as ``aftersales.business_weekdays`` writes them.
WEEKDAYS = [N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")]

#: Stocking: the replayed policies, peak events, where the lead time comes from.
STOCK_WORDS = [N_("Season peak"), N_("Prime Day"), N_("Black Friday"),
               N_("Christmas"), N_("measured from first-leg shipments")]

#: The default return playbook's and theme rules' actions (``aftersales.return_playbook``,
#: ``iteration.theme_actions``).
ACTIONS = [
    N_("fix the size information on the listing and adjust the next batch's size with the supplier"),
    N_("fix the size chart on the listing and the next batch's size"),
    N_("stronger packaging (thicker carton, corner protectors) and check the carrier"),
    N_("raise a reimbursement case with the warehouse and check inbound packaging"),
    N_("quality check of the batch with the supplier (inspection before shipping)"),
    N_("raise the material/quality spec with the supplier"),
    N_("align listing photos and text with the product"),
    N_("packing checklist at the supplier and the warehouse"),
    N_("state compatibility and dimensions clearly on the listing"),
    N_("check that the listing sets the right expectations"),
    N_("make variants easier to tell apart on the listing"),
    N_("review the price against the competitors' price band"),
    N_("check warehouse dispatch times and the carrier"),
    N_("change the size/spec with the supplier; clear old stock with a discount"),
    N_("change the spec with the supplier; clear old stock with a discount"),
    N_("upgrade the material spec with the supplier"),
]

#: SOP task names of ``params/sop.yaml``.
SOP_TASKS = [
    N_("Product research round: Trends, pain points, competitors, compliance (R1)"),
    N_("After-sales analysis: top-3 return reasons, response times, actions (R5)"),
    N_("Stock review: days of cover, reorder points, transfers between warehouses (R3)"),
    N_("Inbound check: warehouse appointments booked >= 7 days ahead, labels (R4.1)"),
    N_("Outbound check: orders not shipped within 24 h and their reasons (R4.2)"),
    N_("Monthly review report and improvement plan (R7.3)"),
    N_("Quarterly customer satisfaction survey and improvement list (R6.3)"),
]
