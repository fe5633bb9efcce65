"""The VIP network platform: one package of domain apps."""
