{%- extends 'nbgrader/gradebook_notebooks.tpl' -%}
{#- Red School: assignment_id reaches the page script through desk.js (base.tpl), not inline script. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_notebooks.js"></script>
{%- endblock head -%}
