"""The product's logic, free of any UI framework: forums, stages, contributions, plans, exports."""
