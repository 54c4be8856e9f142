"""Operations of the incidents area that touch several models, one module per kind of item."""
