"""Monthly review (R7): KPIs, what went wrong, plan, last month's decisions, SOP status, report sections."""
