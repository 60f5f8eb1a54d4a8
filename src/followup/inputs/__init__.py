"""What users may enter: parsing (parse.py), field types (fields.py), every model (models.py)."""
